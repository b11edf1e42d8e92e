import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CHANNELS, type RiskChannel } from '@tongguan/contracts';
import { withOutbox, type OutboxFields } from '@tongguan/persistence';
import { Schema as MongooseSchema } from 'mongoose';
import type { TraderHistory } from './risk-evaluation';

const TraderHistorySchema = new MongooseSchema<TraderHistory>(
  { passed: { type: Number, required: true }, failed: { type: Number, required: true } },
  { _id: false },
);

/**
 * One risk assessment per declaration (_id = declarationId, so a redelivered DeclarationAccepted finds
 * it and assesses nothing twice). It is written once, with RiskAssessed staged in the same insert, and
 * it is also the durable intent to open the task it names: until taskOpenedAt is set, the service keeps
 * (re)opening that task, so a crash between the two writes loses nothing.
 */
@Schema({ collection: 'risk_assessments', versionKey: false })
export class RiskAssessment implements OutboxFields {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) assessmentId: string;
  /** Assessments are found by shipment through AssessmentShipment, by _id. */
  @Prop({ required: true }) shipmentId: string;
  @Prop({ required: true }) importerId: string;
  @Prop({ type: String, required: true, enum: CHANNELS }) channel: RiskChannel;
  @Prop({ required: true }) score: number;
  @Prop({ type: [String], default: [] }) reasons: string[];
  @Prop({ type: [String], default: [] }) matchedRules: string[];
  @Prop({ required: true }) randomlySelected: boolean;
  @Prop({ required: true }) greenChannel: boolean;
  /** The importer's passed and failed inspections the evaluation saw (absent on older assessments). */
  @Prop({ type: TraderHistorySchema }) traderHistory?: TraderHistory;
  /** Business time (the platform clock); the task's time limit counts from here. */
  @Prop({ required: true }) assessedAt: Date;
  /** The task a YELLOW or RED assessment opens; '' for GREEN. */
  @Prop({ type: String, default: '' }) taskId: string;
  /** Correlation of the shipment's flow, carried onto the task's events. */
  @Prop({ required: true }) correlationId: string;
  /** Id of the RiskAssessed event: the cause of what the task emits later. */
  @Prop({ required: true }) riskAssessedEventId: string;
  @Prop() taskOpenedAt?: Date;
  /** The importer withdrew the declaration: no task is opened for it any more. */
  @Prop() withdrawnAt?: Date;
  /** Customs refused the declaration's release (final): no task is opened for it any more either. */
  @Prop() closedAt?: Date;
  /** The declaration version assessed (amendments are assessed again). */
  @Prop({ default: 1 }) version: number;
  @Prop() revision?: number;
  outbox: OutboxFields['outbox'];
  outboxPending: boolean;
}

export const RiskAssessmentSchema = withOutbox(SchemaFactory.createForClass(RiskAssessment));
// the pending-task open set is rebuilt once per start from the assessments whose task is still to
// open (it scans on mongo-java-server, which uses only _id and unique indexes; MongoDB would use this)
RiskAssessmentSchema.index({ taskId: 1, taskOpenedAt: 1 });
