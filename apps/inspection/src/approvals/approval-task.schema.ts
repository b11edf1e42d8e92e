import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { withOutbox, type OutboxFields } from '@tongguan/persistence';

/**
 * open: within its limit; overdue: past it with no tacit approval in law (still decidable, late).
 * withdrawn, superseded, closed: no longer needed (the declaration was withdrawn, amended, or refused
 * release or rejected), never decided: see closedReason.
 */
export const APPROVAL_STATUSES = [
  'open',
  'overdue',
  'approved',
  'refused',
  'deemed-approved',
  'withdrawn',
  'superseded',
  'closed',
] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export interface ApprovalItem {
  hsCode: string;
  originCountry: string;
  customsValueMinor: number;
  /** The licences and certificates declared for the line: what a licence check verifies. */
  documents?: { code: string; number: string }[];
}

/**
 * One agency step a declaration version needs (ApprovalsRequested): licence verification, a health
 * registration check, customs' acceptance review... Its limit counts on the agency's own calendar
 * from the request's business time; the declaration data the agency checks is kept on it. Every change
 * is decided by approval-lifecycle and written guarded by the revision read, with its
 * AgencyDecisionRecorded staged in the same write, so exactly one decision (an officer's or tacit
 * approval) ever wins.
 */
@Schema({ collection: 'approval_tasks', versionKey: false })
export class ApprovalTask implements OutboxFields {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) declarationId: string;
  @Prop({ required: true }) declarationVersion: number;
  @Prop({ required: true }) shipmentId: string;
  @Prop({ required: true }) agency: string;
  @Prop({ required: true }) step: string;
  /** The routing rules that required the step, for the officer and the audit. */
  @Prop({ type: [String], default: [] }) ruleIds: string[];
  @Prop({ required: true }) importerId: string;
  @Prop({ required: true }) tradeMode: string;
  @Prop({ required: true }) currency: string;
  @Prop({ type: [Object], default: [] }) items: ApprovalItem[];
  /** Earned from the green-channel register: a shorter limit and first place in the agency's queue. */
  @Prop({ required: true }) greenChannel: boolean;
  @Prop({ type: String, required: true, enum: APPROVAL_STATUSES }) status: ApprovalStatus;
  /** Whether the law lets the step be deemed approved at its limit (from the registry at opening). */
  @Prop({ required: true }) tacitApproval: boolean;
  /** Business time the limit counts from (the request). */
  @Prop({ required: true }) openedAt: Date;
  @Prop({ required: true }) limitHours: number;
  @Prop({ required: true }) dueAt: Date;
  @Prop() overdueAt?: Date;
  /** The officer's party, or 'tacit-approval'. */
  @Prop() decidedBy?: string;
  @Prop() decidedAt?: Date;
  @Prop({ type: [String], default: [] }) reasons: string[];
  /** Working hours of the agency's calendar the decision took (less the trader's time). */
  @Prop() decisionHours?: number;
  @Prop() withinLimit?: boolean;
  /** Hours the step waited for the trader: not the agency's time. */
  @Prop({ default: 0 }) traderWaitHours: number;
  @Prop() closedAt?: Date;
  /** Why the task closed undecided: the withdrawal, the amendment, the refusal or rejection. */
  @Prop() closedReason?: string;
  /** The shipment flow's correlation id and the ApprovalsRequested event that opened the task. */
  @Prop({ required: true }) correlationId: string;
  @Prop({ required: true }) causationId: string;
  @Prop() revision?: number;
  outbox: OutboxFields['outbox'];
  outboxPending: boolean;
}

export const ApprovalTaskSchema = withOutbox(SchemaFactory.createForClass(ApprovalTask));
// an agency's queue asks by agency and status, green channel first, then the soonest limit (it scans
// on mongo-java-server, which uses only _id and unique indexes; MongoDB would use this one)
ApprovalTaskSchema.index({ agency: 1, status: 1, greenChannel: -1, dueAt: 1 });
