import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { withOutbox, type OutboxFields } from '@tongguan/persistence';

export const BOOKING_STATUSES = ['booked', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/**
 * An accepted quote: the carrier's truck holds a place in a terminal pickup hour. Its _id is derived
 * from the order and the quote, so a retried acceptance finds (and completes) the same booking.
 * PickupBooked and PickupCancelled are staged in its outbox with the change they announce.
 */
@Schema({ collection: 'pickup_bookings', versionKey: false })
export class PickupBooking implements OutboxFields {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) orderId: string;
  @Prop({ required: true }) quoteId: string;
  @Prop({ required: true }) shipmentId: string;
  @Prop({ required: true }) importerId: string;
  @Prop({ required: true }) carrierId: string;
  @Prop({ required: true }) truckPlate: string;
  @Prop({ required: true }) terminal: string;
  @Prop({ required: true }) slotStart: Date;
  @Prop({ required: true }) slotEnd: Date;
  @Prop({ required: true }) priceMinor: number;
  @Prop({ required: true }) currency: string;
  @Prop({ type: String, required: true, enum: BOOKING_STATUSES }) status: BookingStatus;
  @Prop({ required: true }) bookedAt: Date;
  @Prop() cancelledAt?: Date;
  @Prop() cancelledBy?: string;
  @Prop() cancelReason?: string;
  @Prop() revision?: number;
  outbox: OutboxFields['outbox'];
  outboxPending: boolean;
}

export const PickupBookingSchema = withOutbox(SchemaFactory.createForClass(PickupBooking));
