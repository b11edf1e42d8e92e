import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { Direction, RiskChannel } from '@tongguan/contracts';
import { withOutbox, type OutboxFields } from '@tongguan/persistence';
import { Schema as MongooseSchema } from 'mongoose';
import type { LoadingIncidentFact, Stamps, TimelineFacts } from './timeline';
import type { TraderWait } from './trader-waits';

/** One shipment's folded timeline; _id is the shipmentId. */
@Schema({ collection: 'timelines', timestamps: true, versionKey: false })
export class Timeline implements TimelineFacts, OutboxFields {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) shipmentId: string;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) stamps: Stamps;
  @Prop({ type: String, default: 'import' }) direction: Direction;
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) loadingIncidents: LoadingIncidentFact[];
  /** Copies of two stamps as dates, for the range queries of lists and statistics (they scan). */
  @Prop({ index: true }) releasedAt?: Date;
  @Prop({ index: true }) arrivedAt?: Date;
  @Prop({ type: String, default: null }) channel: RiskChannel | null;
  @Prop({ default: false }) greenChannel: boolean;
  @Prop({ type: String, default: null }) declarationId: string | null;
  @Prop({ type: String, default: null }) importerId: string | null;
  @Prop({ type: String, default: null }) inspectionOutcome: TimelineFacts['inspectionOutcome'];
  @Prop({ type: [String], default: [] }) refusedReasons: string[];
  @Prop({ default: false }) withdrawn: boolean;
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) traderWaits: TraderWait[];
  /** The SLA alerts already raised (each is raised once, by its own SlaAlert): later scans skip them. */
  @Prop() atRiskAlerted?: boolean;
  @Prop() breachAlerted?: boolean;
  /** Optimistic concurrency: two consumers folding the same shipment never lose a stamp. */
  @Prop() revision?: number;
  outbox: OutboxFields['outbox'];
  outboxPending: boolean;
}

export const TimelineSchema = withOutbox(SchemaFactory.createForClass(Timeline));
