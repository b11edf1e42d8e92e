import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * Which importer a shipment belongs to, as the feeds learnt it: the consignee its manifest line names
 * (BillOfLadingManifested, BillOfLadingAmended) and the importer of its declaration (DeclarationLodged).
 * Events that name no importer (port, inspection, pickups) reach an importer's feed through it. Keyed
 * by shipmentId, so a lookup is a point read.
 */
@Schema({ collection: 'feed_shipment_owners', versionKey: false })
export class ShipmentOwner {
  /** The shipmentId. */
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) importerId: string;
  /** The event that named it (short name). */
  @Prop({ required: true }) namedBy: string;
  /** ce_time of that event: a later naming (an amended consignee, a new lodgement) wins. */
  @Prop({ required: true }) namedAt: Date;
}

export const ShipmentOwnerSchema = SchemaFactory.createForClass(ShipmentOwner);
