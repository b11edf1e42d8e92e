import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { Role } from '@tongguan/auth';
import { Schema as MongooseSchema } from 'mongoose';

export const INQUIRY_STATUSES = ['open', 'claimed', 'answered'] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];
/** The statuses in which an inquiry waits for its answer (and may be overdue). */
export const UNANSWERED: readonly InquiryStatus[] = ['open', 'claimed'];

export interface InquiryEvent {
  at: Date;
  by: string;
  role: Role;
  what: string;
}

/**
 * An importer's question about a shipment. First-contact responsibility: the first officer to claim
 * it owns it until it is answered, whichever agency the answer needs; the owner gets the answer from
 * the others, the importer never has to go round the agencies.
 */
@Schema({ collection: 'inquiries', versionKey: false })
export class Inquiry {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true, index: true }) shipmentId: string;
  @Prop({ required: true, index: true }) importerId: string;
  @Prop({ required: true }) question: string;
  @Prop({ type: String, required: true, index: true }) status: InquiryStatus;
  @Prop({ required: true }) openedAt: Date;
  /** Earned by the shipment's declaration when the inquiry was opened: the registry's shorter limit. */
  @Prop({ required: true }) greenChannel: boolean;
  /** The registry's customs/inquiry-answer limit, in working hours of customs' calendar. */
  @Prop({ required: true }) limitHours: number;
  @Prop({ required: true }) dueAt: Date;
  @Prop() ownerId?: string;
  @Prop({ type: String }) ownerRole?: Role;
  @Prop() claimedAt?: Date;
  @Prop() answer?: string;
  @Prop() answeredAt?: Date;
  /** Working hours of customs' calendar from opening to answer, and whether the answer came by dueAt. */
  @Prop() answerHours?: number;
  @Prop() withinLimit?: boolean;
  /** Who did what, appended only. */
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) history: InquiryEvent[];
  @Prop() revision?: number;
}

export const InquirySchema = SchemaFactory.createForClass(Inquiry);
// the officers' list of late inquiries: unanswered ones by how long ago they fell due
InquirySchema.index({ status: 1, dueAt: 1 });
