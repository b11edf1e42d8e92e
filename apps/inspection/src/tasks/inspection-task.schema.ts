import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { INSPECTION_RESULTS, type InspectionResult } from '@tongguan/contracts';
import { withOutbox, type OutboxFields } from '@tongguan/persistence';
import type { BookedSlot } from '../slots/slot-booking.service';

export const TASK_KINDS = ['document-check', 'physical-inspection'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const TASK_STATUSES = [
  'open',
  'documents-requested',
  ...INSPECTION_RESULTS,
  'deemed-approved',
  'withdrawn',
  'superseded',
  'closed',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type { InspectionResult };

export interface DocumentRequestRecord {
  requestId: string;
  officerId: string;
  documents: { code: string; description: string }[];
  requestedAt: Date;
  answeredAt?: Date;
}

/**
 * A document check (YELLOW) or physical inspection (RED). Its deadline lives here, in Mongo, so the
 * timer survives restarts; every change is decided by task-lifecycle and written guarded by the
 * revision it was decided on, with its event staged in the same write, so exactly one decision
 * (officer or tacit approval) ever wins.
 */
@Schema({ collection: 'inspection_tasks', versionKey: false })
export class InspectionTask implements OutboxFields {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) assessmentId: string;
  @Prop({ required: true }) declarationId: string;
  @Prop({ required: true, index: true }) shipmentId: string;
  @Prop({ type: String, required: true, enum: TASK_KINDS }) kind: TaskKind;
  @Prop({ required: true }) greenChannel: boolean;
  @Prop({ type: String, required: true, enum: TASK_STATUSES }) status: TaskStatus;
  /** Business time the time limit counts from (the risk assessment). */
  @Prop({ required: true }) openedAt: Date;
  @Prop({ required: true }) limitHours: number;
  @Prop({ required: true }) deadline: Date;
  @Prop() officerId?: string;
  /** RED: the day and site of the physical inspection, booked within the site's daily capacity. */
  @Prop({ type: Object }) slot?: BookedSlot;
  /** The officer who took the task; only they may decide it or ask for documents. */
  @Prop() claimedBy?: string;
  @Prop() claimedAt?: Date;
  @Prop({ type: [String], default: [] }) findings: string[];
  /** When it was decided, deemed approved, or closed undecided. */
  @Prop() decidedAt?: Date;
  /** Why it closed undecided (withdrawn, superseded, closed): the withdrawal, amendment or refusal. */
  @Prop() closedReason?: string;
  /** While documents are awaited from the importer the time limit is paused (from this business time). */
  @Prop() pausedAt?: Date;
  @Prop({ type: [Object], default: [] }) documentRequests: DocumentRequestRecord[];
  /** The shipment flow's correlation id and the RiskAssessed event that opened the task. */
  @Prop({ required: true }) correlationId: string;
  @Prop({ required: true }) causationId: string;
  @Prop() revision?: number;
  outbox: OutboxFields['outbox'];
  outboxPending: boolean;
}

export const InspectionTaskSchema = withOutbox(SchemaFactory.createForClass(InspectionTask));
// the officers' list and the deadline open set's rebuild at start ask by status and deadline (they scan
// on mongo-java-server, which uses only _id and unique indexes; MongoDB would use this one)
InspectionTaskSchema.index({ status: 1, deadline: 1 });
