import type { CloudEvent } from '@tongguan/contracts';
import { Schema, type Model } from 'mongoose';
import type { OutboxModel } from './outbox';
import { isDuplicateKey } from './mongo-errors';

/**
 * Outbox events that can never be sent as they are (they break their contract, or the broker refuses
 * the record), moved aside by the relay so the events staged after them still go. Kept with the reason
 * for an operator: fix the cause, then stage the event again. One document per event (its _id names
 * the aggregate collection and the ce_id), so parking the same event twice keeps one.
 */
export interface ParkedOutboxEvent {
  _id: string;
  model: string;
  docId: unknown;
  event: CloudEvent<object>;
  reason: string;
  error: string;
  parkedAt: Date;
}

const ParkedOutboxEventSchema = new Schema<ParkedOutboxEvent>(
  {
    _id: String,
    model: String,
    docId: Schema.Types.Mixed,
    event: Schema.Types.Mixed,
    reason: String,
    error: String,
    parkedAt: Date,
  },
  { versionKey: false, collection: 'outbox_parked' },
);

export function parkedOutboxOf(model: OutboxModel): Model<ParkedOutboxEvent> {
  const db = model.db;
  return (
    (db.models.ParkedOutboxEvent as Model<ParkedOutboxEvent> | undefined) ??
    db.model('ParkedOutboxEvent', ParkedOutboxEventSchema)
  );
}

/**
 * Parks the event; false when it was parked already (two relays, or a relay and a sweep, sent the same
 * outbox), so it is reported once.
 */
export async function parkOutboxEvent(
  model: OutboxModel,
  docId: unknown,
  event: CloudEvent<object>,
  reason: string,
  error: string,
): Promise<boolean> {
  const parked = {
    $setOnInsert: {
      model: model.modelName,
      docId,
      event,
      reason,
      error: error.slice(0, 2000),
      parkedAt: new Date(),
    },
  };
  try {
    const result = await parkedOutboxOf(model).updateOne({ _id: `${model.modelName}:${event.id}` }, parked, {
      upsert: true,
    });
    return result.upsertedCount === 1;
  } catch (error) {
    // the racing relay parked it first
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}
