import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * Which importer a shipment belongs to, as the feeds learnt it from DeclarationLodged: events that
 * carry no importerId (port, inspection, pickups) reach an importer's feed through it. Keyed by
 * shipmentId, so a lookup is a point read.
 */
@Schema({ collection: 'feed_shipment_owners', versionKey: false })
export class ShipmentOwner {
  /** The shipmentId. */
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) importerId: string;
  @Prop({ required: true }) declarationId: string;
  /** ce_time of the lodgement that named this owner: a later lodgement (after a withdrawal) wins. */
  @Prop({ required: true }) lodgedAt: Date;
}

export const ShipmentOwnerSchema = SchemaFactory.createForClass(ShipmentOwner);
