import type { CloudEvent } from '@tongguan/contracts';
import { Schema, type Model } from 'mongoose';
import { markStaged, markStagedMany } from './outbox-markers';
import { outboxSignal, type StagedOutbox } from './outbox-signal';

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
    // the creating span's W3C traceparent (tracing on): the relay sends the event in that trace
    traceparent: { type: String },
    payload: { type: Schema.Types.Mixed, required: true },
  },
  { _id: false },
);

export interface OutboxFields {
  outbox: CloudEvent<object>[];
  outboxPending: boolean;
  /**
   * Counts the writes that staged events: the relay empties the outbox only if no write staged more
   * since the one whose outbox it sent ({ _id, outboxSeq } is a point lookup with its unique index).
   */
  outboxSeq?: number;
}

export type OutboxModel = Model<OutboxFields & { _id: unknown }>;

/** The projection that leaves the outbox out of what a service reads or shows. */
export const WITHOUT_OUTBOX = { outbox: 0, outboxPending: 0, outboxSeq: 0 } as const;

/**
 * What a staging write returns (findOneAndUpdate, the document after it) so the relay can send the
 * outbox without reading it back: the same round trip, a few hundred bytes more.
 */
export const STAGED_OUTBOX = { outbox: 1, outboxSeq: 1 } as const;

/**
 * Adds the outbox to an aggregate's schema, and tells the relay of every document a write staged events
 * in: its outbox as the write left it when the write can tell (an insert; an update returning the
 * document after it, projected with STAGED_OUTBOX), so the relay sends it without reading it back;
 * otherwise its _id, which the relay reads at once instead of searching for pending documents.
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
  s.pre('save', function (this: OutboxFields & SavedDocument) {
    // an insert's outbox is exactly what it holds in memory; an update of a loaded document's is not
    this.$locals.outboxInserted = this.isNew;
    if (this.outboxPending) this.outboxSeq = (this.outboxSeq ?? 0) + 1;
  });
  s.pre('insertMany', function (next: () => void, docs: unknown) {
    for (const doc of docs as OutboxFields[]) if (doc.outboxPending) doc.outboxSeq = 1;
    next();
  });
  s.post('updateOne', async function (this: StagingQuery, result: unknown) {
    if (!stagesEvents(this.getUpdate())) return;
    const { modifiedCount, upsertedCount, upsertedId } = (result ?? {}) as Record<string, unknown>;
    if (Number(modifiedCount ?? 0) + Number(upsertedCount ?? 0) === 0) return;
    await staged(this.model as OutboxModel, idOf(this.getFilter()) ?? upsertedId ?? undefined, null);
  });
  s.post('findOneAndUpdate', async function (this: StagingQuery, result: unknown) {
    if (!stagesEvents(this.getUpdate()) || result == null) return;
    const doc = result as Partial<OutboxFields> & { _id?: unknown };
    const { new: after, returnDocument } = this.getOptions();
    const known = after === true || returnDocument === 'after' ? knownOutbox(doc) : null;
    await staged(this.model as OutboxModel, idOf(this.getFilter()) ?? doc._id, known);
  });
  s.post('updateMany', function (this: StagingQuery, result: { modifiedCount?: number }) {
    if (stagesEvents(this.getUpdate()) && (result?.modifiedCount ?? 0) > 0)
      outboxSignal.staged(this.model as OutboxModel, undefined);
  });
  s.post('save', async function (doc: OutboxFields & SavedDocument) {
    if (!doc.outboxPending) return;
    const known = doc.$locals.outboxInserted === true ? knownOutbox(doc) : null;
    await staged(doc.constructor as OutboxModel, doc._id, known);
  });
  s.post('insertMany', async function (this: OutboxModel, docs: unknown) {
    for (const doc of docs as (OutboxFields & { _id: unknown })[])
      if (doc.outboxPending) await staged(this, doc._id, knownOutbox(doc));
  });
  return schema;
}

/** Marks the document for the relay's sweep, then tells this process's relay to send it now. */
async function staged(
  model: OutboxModel,
  id: unknown,
  known: Omit<StagedOutbox, 'marked'> | null,
): Promise<void> {
  if (id === undefined) {
    outboxSignal.staged(model, undefined);
    return;
  }
  const marked = await markStaged(model, id);
  outboxSignal.staged(model, id, known && { ...known, marked });
}

const ENTRY_FIELDS = ['id', 'type', 'source', 'time', 'subject', 'correlationId', 'causationId', 'payload'];

/**
 * The outbox and outboxSeq a staging write returned, as plain events, when it returned them whole (a
 * projection that keeps only some fields of the entries, or leaves them out, tells the relay to read).
 */
function knownOutbox(doc: Partial<OutboxFields>): Omit<StagedOutbox, 'marked'> | null {
  const { outbox, outboxSeq } = doc;
  if (!Array.isArray(outbox) || typeof outboxSeq !== 'number') return null;
  const events = outbox.map((entry) => {
    const plain = entry as CloudEvent<object> & { toObject?: () => CloudEvent<object> };
    return typeof plain.toObject === 'function' ? plain.toObject() : plain;
  });
  const whole = events.every((event) => ENTRY_FIELDS.every((field) => field in event));
  return whole ? { outbox: events, outboxSeq } : null;
}

interface StagingQuery {
  op: string;
  model: unknown;
  getUpdate(): unknown;
  setUpdate(update: unknown): void;
  getFilter(): Record<string, unknown>;
  getOptions(): { new?: boolean; returnDocument?: string };
}

interface SavedDocument {
  _id: unknown;
  constructor: unknown;
  isNew: boolean;
  $locals: Record<string, unknown>;
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
