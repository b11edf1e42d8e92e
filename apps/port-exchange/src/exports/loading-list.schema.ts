import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { LoadingIncidentKind } from '@tongguan/contracts';
import { withOutbox, type OutboxFields } from '@tongguan/persistence';
import { Schema as MongooseSchema } from 'mongoose';

export interface LoadingLineOnRecord {
  containerNumber: string;
  shipmentId: string;
  outcome: 'loaded' | 'incident';
  incident?: LoadingIncidentKind;
  reason?: string;
}

/**
 * A vessel call's loading list (_id = vesselCallId), filed once by the carrier or the terminal, with a
 * LoadingIncident per container not released for loading; the departure adds GoodsDeparted per
 * shipment on board, in the same write that records it.
 */
@Schema({ collection: 'loading_lists', versionKey: false })
export class LoadingList implements OutboxFields {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) vesselName: string;
  @Prop({ required: true }) voyage: string;
  @Prop({ required: true }) filedBy: string;
  @Prop({ required: true }) filedAt: Date;
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) lines: LoadingLineOnRecord[];
  @Prop() departedAt?: Date;
  @Prop() revision?: number;
  outbox: OutboxFields['outbox'];
  outboxPending: boolean;
}

export const LoadingListSchema = withOutbox(SchemaFactory.createForClass(LoadingList));
