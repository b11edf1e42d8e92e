import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The holds ever placed on a shipment, keyed by shipmentId, so the gate finds them by _id. It is
 * written before the hold itself: it may name a hold that was never stored, never miss one.
 */
@Schema({ collection: 'customs_hold_shipments', versionKey: false })
export class CustomsHoldShipment {
  /** the shipmentId */
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ type: [String], default: [] }) holdIds: string[];
}

export const CustomsHoldShipmentSchema = SchemaFactory.createForClass(CustomsHoldShipment);
