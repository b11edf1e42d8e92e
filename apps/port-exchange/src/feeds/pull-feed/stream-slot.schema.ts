import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One of the FEED_MAX_STREAMS_PER_PARTY places a party has for open event streams, shared by every
 * instance. The stream holding it renews its lease while it runs; a crashed instance's place frees
 * itself when the lease runs out.
 */
@Schema({ collection: 'feed_stream_slots', versionKey: false })
export class StreamSlot {
  /** `<party>#<n>`, n from 0 to FEED_MAX_STREAMS_PER_PARTY - 1. */
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) party: string;
  /** The stream holding it (a random id per stream). */
  @Prop({ required: true }) holder: string;
  @Prop({ required: true }) leaseUntil: Date;
  @Prop() revision?: number;
}

export const StreamSlotSchema = SchemaFactory.createForClass(StreamSlot);
