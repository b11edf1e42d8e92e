import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { withOutbox, type OutboxFields } from '@tongguan/messaging';
import type { HydratedDocument } from 'mongoose';

/** One manifest line: a bill of lading of a vessel call. Its _id is the shipmentId. */
@Schema({ collection: 'bills_of_lading', timestamps: true, versionKey: false })
export class BillOfLading implements OutboxFields {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) blNumber: string;
  @Prop({ required: true, index: true }) vesselCallId: string;
  @Prop({ required: true }) consignee: string;
  @Prop({ type: [String], default: [] }) containerNumbers: string[];
  @Prop({ required: true }) packages: number;
  @Prop({ required: true }) grossWeightKg: number;
  @Prop() dischargedAt?: Date;
  @Prop() gateOutAt?: Date;
  outbox: OutboxFields['outbox'];
  outboxPending: boolean;
}

export type BillOfLadingDocument = HydratedDocument<BillOfLading>;
export const BillOfLadingSchema = withOutbox(SchemaFactory.createForClass(BillOfLading));
