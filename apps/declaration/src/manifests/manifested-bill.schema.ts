import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * What the declaration service knows of a B/L's manifest line, folded from port-exchange's events
 * (BillOfLadingManifested, BillOfLadingAmended, BillOfLadingWithdrawn), keyed by shipmentId so the
 * lodgement reads it by _id. It never asks port-exchange: the manifest must have been transmitted
 * before a declaration is taken (advance manifest rule).
 */
@Schema({ collection: 'manifested_bills', timestamps: true, versionKey: false })
export class ManifestedBill {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) blNumber: string;
  @Prop({ required: true }) vesselCallId: string;
  @Prop() carrierPartyId?: string;
  /** The consignee party the manifest names: the declaration's owner. */
  @Prop() consigneePartyId?: string;
  /** The manifest line's own revision at port-exchange: an older fact never overwrites a newer one. */
  @Prop({ required: true }) lineRevision: number;
  @Prop({ required: true }) withdrawn: boolean;
  @Prop() revision?: number;
}

export const ManifestedBillSchema = SchemaFactory.createForClass(ManifestedBill);
