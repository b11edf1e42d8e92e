import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The bookings of one terminal hour. `booked` is always the length of `bookingIds`: both change in the
 * same single-document write, so taking and giving back a place is exact and happens once per booking.
 */
@Schema({ collection: 'pickup_slots', versionKey: false })
export class PickupSlot {
  /** `${terminal}:${slotStart ISO}` */
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) terminal: string;
  @Prop({ required: true }) slotStart: Date;
  @Prop({ required: true, default: 0 }) booked: number;
  @Prop({ type: [String], default: [] }) bookingIds: string[];
  @Prop() revision?: number;
}

export const PickupSlotSchema = SchemaFactory.createForClass(PickupSlot);
