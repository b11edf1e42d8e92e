import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { Role } from '@tongguan/auth';
import { Schema as MongooseSchema } from 'mongoose';

export const INQUIRY_STATUSES = ['open', 'claimed', 'answered'] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

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
  @Prop() ownerId?: string;
  @Prop({ type: String }) ownerRole?: Role;
  @Prop() claimedAt?: Date;
  @Prop() answer?: string;
  @Prop() answeredAt?: Date;
  /** Who did what, appended only. */
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) history: InquiryEvent[];
  @Prop() revision?: number;
}

export const InquirySchema = SchemaFactory.createForClass(Inquiry);
