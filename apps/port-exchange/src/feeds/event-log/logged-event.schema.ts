import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/**
 * One platform event as port-exchange received it, once per ce_id (the _id). `seq` is the feed cursor:
 * 1, 2, 3 ... in the order port-exchange logged the events, without gaps (see EventLogRepository.append).
 * A replay copy has an _id of its own and names the original (the ce_id it carries) in `replayOf`.
 */
@Schema({ collection: 'feed_events', versionKey: false })
export class LoggedEvent {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) seq: number;
  @Prop({ required: true }) type: string;
  @Prop({ required: true }) source: string;
  /** ce_time exactly as the producer wrote it (RFC 3339), and as a Date for time-range queries. */
  @Prop({ required: true }) timeText: string;
  @Prop({ required: true }) time: Date;
  /** The shipmentId. */
  @Prop({ required: true }) subject: string;
  @Prop({ required: true }) correlationId: string;
  @Prop({ required: true }) causationId: string;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) data: Record<string, unknown>;
  @Prop({ required: true }) loggedAt: Date;
  /** The traders this entry is for (see ShipmentAudience); absent for a type no trader receives. */
  @Prop({ type: [String], default: undefined }) parties?: string[];
  /** On a replay copy for a party learnt later: the _id (ce_id) of the original. */
  @Prop({ type: String }) replayOf?: string;
}

export const LoggedEventSchema = SchemaFactory.createForClass(LoggedEvent);
// every read goes by seq (or _id): the store serves equality on a unique index, nothing else
LoggedEventSchema.index({ seq: 1 }, { unique: true });
