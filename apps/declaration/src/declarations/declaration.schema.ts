import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { RiskChannel } from '@tongguan/contracts';
import { withOutbox, type OutboxFields } from '@tongguan/persistence';
import { Schema as MongooseSchema } from 'mongoose';
import type { DutyAssessment } from '../duty/duty-calculator';
import type { InspectionResultFact } from './declaration-lifecycle';
import type { DeclarationStatus } from './declaration-status';
import type { SettlementOnRecord } from './duty-coverage';
import type { LodgeDeclarationDto } from './lodge-declaration.dto';

export interface StatusChange {
  status: DeclarationStatus;
  at: Date;
  by: string;
  reason: string;
}

@Schema({ collection: 'declarations', timestamps: true, versionKey: false })
export class Declaration implements OutboxFields {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true, index: true }) shipmentId: string;
  /** The owner: the consignee the manifest names (it pays, collects, answers notices). */
  @Prop({ required: true, index: true }) importerId: string;
  /** Who lodged it: the consignee, or a broker it authorised. */
  @Prop() filerId?: string;
  @Prop({ type: String, required: true }) status: DeclarationStatus;
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) statusHistory: StatusChange[];
  /** The filing as lodged (validated, whitelisted). */
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) filing: LodgeDeclarationDto;
  @Prop({ required: true }) greenChannel: boolean;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) duty: DutyAssessment;
  @Prop({ type: String }) riskChannel?: RiskChannel;
  /** The inspection task of the current version: results of an older version's task are stale. */
  @Prop() inspectionTaskId?: string;
  /** Results that came before the RiskAssessed naming their task (see DeclarationState). */
  @Prop({ type: [MongooseSchema.Types.Mixed], default: undefined })
  earlyInspectionResults?: InspectionResultFact[];
  /** 1 as lodged; each amendment adds one and keeps the replaced version in `versions`. */
  @Prop({ default: 1 }) version: number;
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) versions: Record<string, unknown>[];
  /** Inspection cleared: GREEN channel, a passed check, or tacit approval. */
  @Prop({ default: false }) inspectionCleared: boolean;
  /** The settlements of this declaration (PaymentSettled naming its id), each once: see duty-coverage. */
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) settlements: SettlementOnRecord[];
  /** The settlements cover the current version's assessment. */
  @Prop({ default: false }) paid: boolean;
  /** A consolidated notice is waiting for the importer: no release until it is answered. */
  @Prop({ default: false }) noticePending: boolean;
  /** Notices answered so far; the next notice round is numbered from it. */
  @Prop({ default: 0 }) noticesAnswered: number;
  @Prop() releasedAt?: Date;
  /** Bumped by every write through the repository: the optimistic-concurrency guard. */
  @Prop() revision?: number;
  outbox: OutboxFields['outbox'];
  outboxPending: boolean;
}

export const DeclarationSchema = withOutbox(SchemaFactory.createForClass(Declaration));
