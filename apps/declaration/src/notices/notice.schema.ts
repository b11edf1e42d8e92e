import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { REQUESTING_AGENCIES } from '@tongguan/contracts';
import { withOutbox, type OutboxFields } from '@tongguan/persistence';
import { Schema as MongooseSchema } from 'mongoose';

export type Agency = (typeof REQUESTING_AGENCIES)[number];

export interface NoticeItem {
  itemId: string;
  agency: Agency;
  /** The agency's own request id (inspection: DocumentsRequested.requestId). */
  requestId: string;
  code: string;
  description: string;
  requestedBy: string;
  requestedAt: Date;
  documentRef?: string;
}

/**
 * One consolidated notice per declaration at a time: everything any agency wants from the importer,
 * answered by one resubmission (no agency-by-agency back and forth).
 */
@Schema({ collection: 'notices', versionKey: false })
export class Notice implements OutboxFields {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true, index: true }) declarationId: string;
  @Prop({ required: true }) shipmentId: string;
  @Prop({ required: true, index: true }) importerId: string;
  @Prop({ type: String, required: true }) status: 'open' | 'answered';
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) items: NoticeItem[];
  @Prop({ required: true }) openedAt: Date;
  /** Earned by the declaration: the registry's shorter limit where trader/notice-answer has one. */
  @Prop({ required: true }) greenChannel: boolean;
  /** The registry's trader/notice-answer limit, in hours of the trader's calendar. */
  @Prop({ required: true }) answerLimitHours: number;
  /** The limit counted from the latest request added to the notice (the trader answers all at once). */
  @Prop({ required: true }) answerDueAt: Date;
  @Prop() answeredAt?: Date;
  /** The trader's hours from opening to the resubmission: the trader's time, never an agency's. */
  @Prop() traderHours?: number;
  @Prop() answeredWithinLimit?: boolean;
  @Prop() revision?: number;
  outbox: OutboxFields['outbox'];
  outboxPending: boolean;
}

export const NoticeSchema = withOutbox(SchemaFactory.createForClass(Notice));
