import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { withOutbox, type OutboxFields } from '@tongguan/persistence';
import type { HydratedDocument } from 'mongoose';

/**
 * One manifest line: a bill of lading of a vessel call with its containers, one document (so a B/L is
 * never stored without its containers). Its _id is the shipmentId.
 */
@Schema({ collection: 'bills_of_lading', timestamps: true, versionKey: false })
export class BillOfLading implements OutboxFields {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) blNumber: string;
  @Prop({ required: true, index: true }) vesselCallId: string;
  /** The carrier or terminal party that owns the vessel call, and so this line. */
  @Prop() carrierPartyId?: string;
  @Prop({ required: true }) consignee: string;
  /** The consignee's party id: the one party that may declare the B/L (or a broker it authorised). */
  @Prop() consigneePartyId?: string;
  @Prop({ type: [String], default: [] }) containerNumbers: string[];
  @Prop({ required: true }) packages: number;
  @Prop({ required: true }) grossWeightKg: number;
  /** Containers already lifted off the vessel; the B/L is discharged when all of them are. */
  @Prop({ type: [String], default: [] }) dischargedContainers: string[];
  @Prop() dischargedAt?: Date;
  @Prop() gateOutAt?: Date;
  /** Withdrawn from the manifest before discharge: the number is free to be filed again. */
  @Prop() withdrawnAt?: Date;
  @Prop() withdrawnBy?: string;
  @Prop() withdrawalReason?: string;
  @Prop() revision?: number;
  outbox: OutboxFields['outbox'];
  outboxPending: boolean;
}

export type BillOfLadingDocument = HydratedDocument<BillOfLading>;
export const BillOfLadingSchema = withOutbox(SchemaFactory.createForClass(BillOfLading));
BillOfLadingSchema.index({ vesselCallId: 1, containerNumbers: 1 });
