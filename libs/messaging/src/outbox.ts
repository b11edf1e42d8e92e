import { Schema, type Model } from 'mongoose';
import type { CloudEvent } from '@tongguan/contracts';

/**
 * Transactional outbox without multi-document transactions (FerretDB has none): the events a state
 * change causes are stored inside the changed document, in the same single-document write, and
 * relayed to Kafka afterwards. A crash between the two loses nothing; a relay crash after sending
 * may send again, with the same ce_id, which every consumer's inbox drops.
 */
export const OutboxEntrySchema = new Schema<CloudEvent<object>>(
  {
    id: { type: String, required: true },
    type: { type: String, required: true },
    source: { type: String, required: true },
    time: { type: String, required: true },
    subject: { type: String, required: true },
    correlationId: { type: String, required: true },
    causationId: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, required: true },
  },
  { _id: false },
);

export interface OutboxFields {
  outbox: CloudEvent<object>[];
  outboxPending: boolean;
}

/** Adds the outbox to an aggregate's schema. */
export function withOutbox<T>(schema: Schema<T>): Schema<T> {
  (schema as Schema).add({
    outbox: { type: [OutboxEntrySchema], default: [] },
    outboxPending: { type: Boolean, default: false, index: true },
  });
  return schema;
}

/** The update fragment that stages events with a state change: use inside the same updateOne/save. */
export function stageEvents(events: CloudEvent[]): {
  $push: { outbox: { $each: CloudEvent[] } };
  $set: { outboxPending: true };
} {
  return { $push: { outbox: { $each: events } }, $set: { outboxPending: true } };
}

/** Merges a state change ($set, and optionally $push) into the staging update: one single-document write. */
export function withState<U extends ReturnType<typeof stageEvents>>(
  update: U,
  set: Record<string, unknown>,
  push: Record<string, unknown> = {},
): U {
  return { ...update, $set: { ...update.$set, ...set }, $push: { ...update.$push, ...push } };
}

export type OutboxModel = Model<OutboxFields & { _id: unknown }>;
