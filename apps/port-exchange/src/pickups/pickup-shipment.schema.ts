import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The pickup bookings of a shipment, keyed by shipmentId, so the gate finds them by _id. Written before
 * the booking itself: it may name a booking not stored yet (the event is redelivered), never miss one.
 */
@Schema({ collection: 'pickup_booking_shipments', versionKey: false })
export class GatePickupShipment {
  /** the shipmentId */
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ type: [String], default: [] }) bookingIds: string[];
}

export const GatePickupShipmentSchema = SchemaFactory.createForClass(GatePickupShipment);
