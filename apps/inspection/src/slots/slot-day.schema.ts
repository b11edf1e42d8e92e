import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Bookings of one site on one working day: ordinary slots and the green channel's reserved ones. */
@Schema({ collection: 'inspection_slot_days', versionKey: false })
export class SlotDay {
  /** `${siteId}:${date}` */
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) siteId: string;
  @Prop({ required: true }) date: string;
  @Prop({ default: 0 }) standard: number;
  @Prop({ default: 0 }) green: number;
  @Prop() revision?: number;
}

export const SlotDaySchema = SchemaFactory.createForClass(SlotDay);
