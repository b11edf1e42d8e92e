import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { AgencyOutcome } from '@tongguan/contracts';

/**
 * One decision of an approving agency as AgencyDecisionRecorded announced it: _id is
 * `<agency>:<step>:<taskId>` (one decision per task), so a redelivered or re-announced event is a
 * duplicate insert and counts once. decidedAt is the event's business time.
 */
@Schema({ collection: 'agency_decisions', versionKey: false })
export class AgencyDecision {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) eventId: string;
  @Prop({ required: true }) shipmentId: string;
  @Prop({ required: true }) declarationId: string;
  @Prop({ required: true }) taskId: string;
  @Prop({ required: true }) agency: string;
  @Prop({ required: true }) step: string;
  @Prop({ type: String, required: true }) outcome: AgencyOutcome;
  @Prop({ required: true }) decidedBy: string;
  @Prop({ required: true }) openedAt: Date;
  @Prop({ required: true }) dueAt: Date;
  /** The scorecards' windows range over it (they scan on mongo-java-server; MongoDB uses the index). */
  @Prop({ required: true, index: true }) decidedAt: Date;
  @Prop({ required: true }) decisionHours: number;
  @Prop({ required: true }) limitHours: number;
  @Prop({ required: true }) withinLimit: boolean;
  @Prop({ required: true }) traderWaitHours: number;
  @Prop({ required: true }) greenChannel: boolean;
  @Prop() revision?: number;
}

export const AgencyDecisionSchema = SchemaFactory.createForClass(AgencyDecision);
