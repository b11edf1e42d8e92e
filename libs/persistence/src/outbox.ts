import type { CloudEvent } from '@tongguan/contracts';
import { Schema, type Model } from 'mongoose';
import { markStaged, markStagedMany } from './outbox-markers';
import { outboxSignal } from './outbox-signal';

/**
 * Transactional outbox inside the aggregate: the events a state change causes are stored in the
 * changed document, in the same single-document write, and relayed to Kafka afterwards. A crash
 * between the two loses nothing; a relay crash after sending may send again, with the same ce_id,
 * which every consumer's inbox drops.
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
  /**
   * Counts the writes that staged events: the relay empties the outbox only if no write staged more
   * since it read it ({ _id, outboxSeq } is a point lookup with its unique index).
   */
  outboxSeq?: number;
}

export type OutboxModel = Model<OutboxFields & { _id: unknown }>;

/** The projection that leaves the outbox out of what a service reads or shows. */
export const WITHOUT_OUTBOX = { outbox: 0, outboxPending: 0, outboxSeq: 0 } as const;

/**
 * Adds the outbox to an aggregate's schema, and tells the relay the _id of every document a write
 * staged events in, so the relay reads it by _id at once instead of searching for pending documents.
 */
export function withOutbox<T>(schema: Schema<T>): Schema<T> {
  const s = schema as Schema;
  s.add({
    outbox: { type: [OutboxEntrySchema], default: [] },
    // the relay's rare catch-up sweep reads it; the hot path goes by _id
    outboxPending: { type: Boolean, default: false, index: true },
    outboxSeq: { type: Number },
  });
  s.index({ _id: 1, outboxSeq: 1 }, { unique: true });
  s.pre(['updateOne', 'findOneAndUpdate', 'updateMany'], function (this: StagingQuery) {
    const update = this.getUpdate() as Record<string, Record<string, unknown> | undefined>;
    if (stagesEvents(update)) this.setUpdate({ ...update, $inc: { ...update.$inc, outboxSeq: 1 } });
  });
  s.pre('save', function (this: OutboxFields) {
    if (this.outboxPending) this.outboxSeq = (this.outboxSeq ?? 0) + 1;
  });
  s.pre('insertMany', function (next: () => void, docs: unknown) {
    for (const doc of docs as OutboxFields[]) if (doc.outboxPending) doc.outboxSeq = 1;
    next();
  });
  s.post(['updateOne', 'findOneAndUpdate'], async function (this: StagingQuery, result: unknown) {
    if (!stagesEvents(this.getUpdate())) return;
    const { modifiedCount, upsertedCount, upsertedId } = (result ?? {}) as Record<string, unknown>;
    const wrote =
      this.op === 'findOneAndUpdate'
        ? result != null
        : Number(modifiedCount ?? 0) + Number(upsertedCount ?? 0) > 0;
    if (!wrote) return;
    const id =
      idOf(this.getFilter()) ??
      (this.op === 'findOneAndUpdate' ? (result as { _id?: unknown })._id : (upsertedId ?? undefined));
    await staged(this.model as OutboxModel, id);
  });
  s.post('updateMany', function (this: StagingQuery, result: { modifiedCount?: number }) {
    if (stagesEvents(this.getUpdate()) && (result?.modifiedCount ?? 0) > 0)
      outboxSignal.staged(this.model as OutboxModel, undefined);
  });
  s.post('save', async function (doc: OutboxFields & { _id: unknown; constructor: unknown }) {
    if (doc.outboxPending) await staged(doc.constructor as OutboxModel, doc._id);
  });
  s.post('insertMany', async function (this: OutboxModel, docs: unknown) {
    for (const doc of docs as (OutboxFields & { _id: unknown })[])
      if (doc.outboxPending) await staged(this, doc._id);
  });
  return schema;
}

/** Marks the document for the relay's sweep, then tells this process's relay to send it now. */
async function staged(model: OutboxModel, id: unknown): Promise<void> {
  if (id !== undefined) await markStaged(model, id);
  outboxSignal.staged(model, id);
}

interface StagingQuery {
  op: string;
  model: unknown;
  getUpdate(): unknown;
  setUpdate(update: unknown): void;
  getFilter(): Record<string, unknown>;
}

function stagesEvents(update: unknown): boolean {
  const u = (update ?? {}) as { $set?: { outboxPending?: unknown }; outboxPending?: unknown };
  return u.$set?.outboxPending === true || u.outboxPending === true;
}

/** The document's _id when the filter names exactly one; otherwise the relay sweeps. */
function idOf(filter: Record<string, unknown>): unknown {
  const id = filter._id;
  return typeof id === 'string' || (id !== null && typeof id === 'object' && '_bsontype' in id)
    ? id
    : undefined;
}

/**
 * For a bulk write that staged events in many documents (bulkWrite runs no middleware): marks them all
 * for the relay's sweep in one bulk upsert, then tells the relay of each. A marker for a document whose
 * write missed costs the relay one read that finds nothing to send.
 */
export async function stagedInBulk(model: OutboxModel, ids: readonly unknown[]): Promise<void> {
  if (ids.length === 0) return;
  await markStagedMany(model, ids);
  for (const id of ids) outboxSignal.staged(model, id);
}
