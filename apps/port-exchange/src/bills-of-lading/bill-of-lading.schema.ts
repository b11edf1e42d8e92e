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
  @Prop({ required: true }) consignee: string;
  @Prop({ type: [String], default: [] }) containerNumbers: string[];
  @Prop({ required: true }) packages: number;
  @Prop({ required: true }) grossWeightKg: number;
  /** Containers already lifted off the vessel; the B/L is discharged when all of them are. */
  @Prop({ type: [String], default: [] }) dischargedContainers: string[];
  @Prop() dischargedAt?: Date;
  @Prop() gateOutAt?: Date;
  @Prop() revision?: number;
  outbox: OutboxFields['outbox'];
  outboxPending: boolean;
}

export type BillOfLadingDocument = HydratedDocument<BillOfLading>;
export const BillOfLadingSchema = withOutbox(SchemaFactory.createForClass(BillOfLading));
BillOfLadingSchema.index({ vesselCallId: 1, containerNumbers: 1 });
