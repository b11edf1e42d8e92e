import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { withOutbox, type OutboxFields } from '@tongguan/persistence';
import { Schema as MongooseSchema } from 'mongoose';
import type { ComplaintMove, ComplaintStatus } from './complaint-lifecycle';

/**
 * An importer's complaint about a shipment, one agency, or one step of that agency. It goes to the
 * agency's supervisors; the first to take it owns it until it is answered (first-contact
 * responsibility); it escalates once if not answered by dueAt, counted on the agency's calendar. Every
 * move is appended to history (who, when, why): the complaint's own audit trail.
 */
@Schema({ collection: 'complaints', versionKey: false })
export class Complaint implements OutboxFields {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) shipmentId: string;
  @Prop({ required: true }) importerId: string;
  @Prop({ required: true }) agency: string;
  /** The agency's step complained about; null for the agency as a whole. */
  @Prop({ type: String, default: null }) step: string | null;
  @Prop({ required: true }) subject: string;
  @Prop({ required: true }) text: string;
  @Prop({ type: String, required: true }) status: ComplaintStatus;
  /** Business time of filing: the scorecards' windows range over it. */
  @Prop({ required: true, index: true }) filedAt: Date;
  /** The agency's complaintLimitHours, in working hours of its calendar. */
  @Prop({ required: true }) limitHours: number;
  @Prop({ required: true }) dueAt: Date;
  /** The supervisor who took it (the token's subject). */
  @Prop({ type: String, default: null }) ownerId: string | null;
  @Prop({ type: Date, default: null }) takenAt: Date | null;
  /** The latest answer (history keeps each one). */
  @Prop({ type: String, default: null }) answer: string | null;
  @Prop({ type: Date, default: null }) answeredAt: Date | null;
  /** Set once, when dueAt passed unanswered; it stays set after a late answer. */
  @Prop({ default: false }) escalated: boolean;
  @Prop({ type: Date, default: null }) escalatedAt: Date | null;
  @Prop({ type: Date, default: null }) reopenedAt: Date | null;
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) history: ComplaintMove[];
  @Prop() revision?: number;
  outbox: OutboxFields['outbox'];
  outboxPending: boolean;
}

export const ComplaintSchema = withOutbox(SchemaFactory.createForClass(Complaint));
