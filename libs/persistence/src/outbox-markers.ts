import { Schema, type Connection, type Model } from 'mongoose';
import { creatingCollection, isDuplicateKey } from './mongo-errors';
import type { OutboxModel } from './outbox';

/**
 * One small document per aggregate document that has staged events the relay has not yet sent, so
 * that the relay's catch-up sweep reads the markers (as many as events in flight) instead of scanning
 * every aggregate collection for `outboxPending` (as large as all the data ever stored). Written after
 * the staging write; `n` counts the stagings, so the relay removes a marker only if nothing was
 * staged after the count it knows (the staging's own upsert returns it; the sweep reads it). A crash
 * between the staging write and its marker is caught by the full sweep each relay makes when it starts.
 */
export interface OutboxMarker {
  _id: string;
  model: string;
  docId: unknown;
  n: number;
  at: Date;
}

const OutboxMarkerSchema = new Schema<OutboxMarker>(
  { _id: String, model: String, docId: Schema.Types.Mixed, n: Number, at: Date },
  { versionKey: false, collection: 'outbox_markers' },
);

export function markersOf(model: OutboxModel): Model<OutboxMarker> {
  return markersIn(model.db);
}

/** The markers of one database (one per service): its outbox backlog. */
export function markersIn(db: Connection): Model<OutboxMarker> {
  return (
    (db.models.OutboxMarker as Model<OutboxMarker> | undefined) ??
    db.model('OutboxMarker', OutboxMarkerSchema)
  );
}

export function markerKey(model: OutboxModel, id: unknown): string {
  return `${model.modelName}:${String(id)}`;
}

/**
 * Counts a staging on the document's marker and returns the count, in one round trip, so the relay can
 * remove the marker after sending without reading it first.
 */
export async function markStaged(model: OutboxModel, id: unknown): Promise<number> {
  const markers = markersOf(model);
  const filter = { _id: markerKey(model, id) };
  const update = { $inc: { n: 1 }, $setOnInsert: { model: model.modelName, docId: id, at: new Date() } };
  const options = { upsert: true, returnDocument: 'after', projection: { n: 1 } } as const;
  try {
    return (await creatingCollection(() => markers.findOneAndUpdate(filter, update, options).lean()))!.n;
  } catch (error) {
    // lost the race to create the marker: it exists now, so the second try counts on it
    if (!isDuplicateKey(error)) throw error;
    return (await markers.findOneAndUpdate(filter, update, options).lean())!.n;
  }
}

/** markStaged for many documents in one unordered bulk upsert; a marker lost to a racing upsert is upserted again alone. */
export async function markStagedMany(model: OutboxModel, ids: readonly unknown[]): Promise<void> {
  const markers = markersOf(model);
  const at = new Date();
  try {
    await creatingCollection(() =>
      markers.bulkWrite(
        ids.map((id) => ({
          updateOne: {
            filter: { _id: markerKey(model, id) },
            update: { $inc: { n: 1 }, $setOnInsert: { model: model.modelName, docId: id, at } },
            upsert: true,
          },
        })),
        { ordered: false },
      ),
    );
  } catch (error) {
    const writeErrors = (error as { writeErrors?: { index: number; code?: number }[] }).writeErrors;
    if (!Array.isArray(writeErrors) || writeErrors.some((e) => e.code !== 11000)) throw error;
    for (const { index } of writeErrors) await markStaged(model, ids[index]);
  }
}
