import type { CloudEvent } from '@tongguan/contracts';
import { STAGED_OUTBOX, type OutboxFields, type OutboxModel } from './outbox';
import { markerKey, markersOf } from './outbox-markers';
import type { StagedOutbox } from './outbox-signal';

/**
 * What the outbox relay reads and writes in the store, in as few commands as it can: a document's
 * outbox (from its staging write or read by _id), then for all the documents of a pass one bulk write
 * emptying their outboxes and one removing their markers.
 */
export type StagedDocument = Pick<OutboxFields, 'outbox' | 'outboxSeq'> & { _id: unknown };

/**
 * A document to relay with its marker's count as known before its outbox is emptied (null: no
 * marker), and its outbox (null: the document is gone).
 */
export interface PendingOutbox {
  doc: StagedDocument | null;
  id: unknown;
  marked: number | null;
}

/** A document as its staging write returned it: nothing to read. */
export function pendingAsStaged(id: unknown, { outbox, outboxSeq, marked }: StagedOutbox): PendingOutbox {
  return { doc: { _id: id, outbox, outboxSeq }, id, marked };
}

/**
 * A document read by point lookups by _id only (a filter with any other field would scan on
 * mongo-java-server): the marker before the document, so the count is never newer than the outbox.
 */
export async function readPending(model: OutboxModel, id: unknown): Promise<PendingOutbox> {
  const marker = await markersOf(model).findById(markerKey(model, id), { n: 1 }).lean();
  const doc = (await model.findById(id, { _id: 1, ...STAGED_OUTBOX }).lean()) as StagedDocument | null;
  return { doc, id, marked: marker?.n ?? null };
}

/** The scan of a whole collection for pending documents: at a relay's start, and after a write that named none. */
export async function scanPending(model: OutboxModel, limit: number): Promise<PendingOutbox[]> {
  const docs = (await model
    .find({ outboxPending: true }, { _id: 1, ...STAGED_OUTBOX })
    .limit(limit)
    .lean()) as StagedDocument[];
  return docs.map((doc) => ({ doc, id: doc._id, marked: null }));
}

/** A fresh update each time: mongoose casts updates in place. */
const emptied = () => ({ $set: { outbox: [] as CloudEvent<object>[], outboxPending: false } });
const unchangedSince = (doc: StagedDocument) => ({ _id: doc._id, outboxSeq: doc.outboxSeq ?? null });

/**
 * Empties each sent outbox if no write staged more since the outbox sent, else pulls exactly the
 * entries sent; returns the documents emptied. One bulk write for all; only when a guard missed (the
 * bulk answer does not say which) is each document asked again.
 */
export async function emptySentOutboxes(
  model: OutboxModel,
  docs: StagedDocument[],
): Promise<Set<StagedDocument>> {
  if (docs.length === 0) return new Set();
  const result = await model.bulkWrite(
    docs.map((doc) => ({ updateOne: { filter: unchangedSince(doc), update: emptied() } })),
    { ordered: false },
  );
  if (result.matchedCount === docs.length) return new Set(docs);
  const done = new Set<StagedDocument>();
  await Promise.all(
    docs.map(async (doc) => {
      if ((await model.updateOne(unchangedSince(doc), emptied())).matchedCount === 1) done.add(doc);
      else {
        const ids = (doc.outbox ?? []).map((event) => event.id);
        await model.updateOne({ _id: doc._id }, { $pull: { outbox: { id: { $in: ids } } } });
      }
    }),
  );
  return done;
}

/** Removes the documents' markers in one bulk write, each unless a staging counted on it since. */
export async function removeMarkers(
  model: OutboxModel,
  relayed: { id: unknown; marked: number }[],
): Promise<void> {
  if (relayed.length === 0) return;
  await markersOf(model).bulkWrite(
    relayed.map(({ id, marked }) => ({ deleteOne: { filter: { _id: markerKey(model, id), n: marked } } })),
    { ordered: false },
  );
}
