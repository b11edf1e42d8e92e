import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * What the gate knows of a pickup booked in logistics-trading (PickupBooked, PickupCancelled), keyed
 * by the booking id. Both events only ever set facts, so they may arrive in either order or twice.
 */
@Schema({ collection: 'pickup_bookings', versionKey: false })
export class GatePickupBooking {
  /** the bookingId */
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true, index: true }) shipmentId: string;
  @Prop() orderId?: string;
  @Prop() carrierId?: string;
  @Prop() truckPlate?: string;
  @Prop() terminal?: string;
  @Prop() slotStart?: Date;
  @Prop() slotEnd?: Date;
  @Prop() bookedAt?: Date;
  @Prop() cancelledAt?: Date;
  @Prop() cancelReason?: string;
}

export const GatePickupBookingSchema = SchemaFactory.createForClass(GatePickupBooking);
