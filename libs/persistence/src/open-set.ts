import { Schema, type FilterQuery, type Model, type SchemaDefinition, type SortOrder } from 'mongoose';
import { ensureIndex } from './indexes';
import { creatingCollection, isDuplicateKey } from './mongo-errors';
import { upsert } from './upsert';

/** What every entry of an open set holds besides its own fields. */
export interface OpenEntryBase {
  /** The id of the item in flight. */
  _id: string;
  /** How often the entry was added: a sweep removes an entry it read only if nothing added it since. */
  n: number;
  /** When it was last added (real time), so a sweep can tell an entry whose write never followed. */
  at: Date;
}

export type OpenEntry<F> = OpenEntryBase & F;

/** The schema of an open set's collection: _id, n, at and the fields its sweep reads or filters on. */
export function openSetSchema(collection: string, fields: SchemaDefinition): Schema {
  return new Schema({ _id: String, n: Number, at: Date, ...fields }, { collection, versionKey: false });
}

/**
 * An open set: one small document per item in flight (a task still to open, a deadline to watch, a
 * shipment whose clearance clock runs), keyed by the item's id, added in the code path that opens the
 * item and removed in the one that closes it. A periodic job then reads the work in flight instead of
 * scanning every document ever stored, as the outbox relay reads its markers. Its reads scan only this
 * small collection; its writes are point lookups (the {_id, n} unique index serves the guarded remove).
 *
 * Each owner says how a missing entry is recovered: typically the entry is written before the write
 * that opens the item (so a crash leaves an entry too many, never one too few: the sweep drops it once
 * it sees the item closed), and each process rebuilds the set from the item collection once at start,
 * which also fills it for data stored before the set existed.
 */
export class OpenSet<F extends object> {
  constructor(readonly model: Model<OpenEntryBase>) {}

  async ensureIndexes(): Promise<void> {
    await ensureIndex(this.model, { _id: 1, n: 1 });
  }

  async add(id: string, fields: F): Promise<void> {
    await upsert(this.model, { _id: id }, this.addition(fields, new Date()));
  }

  /** add for many items in one unordered bulk upsert; one lost to a racing upsert is added again alone. */
  async addMany(items: readonly { id: string; fields: F }[]): Promise<void> {
    if (items.length === 0) return;
    const at = new Date();
    try {
      await creatingCollection(() =>
        this.model.bulkWrite(
          items.map(({ id, fields }) => ({
            updateOne: {
              filter: { _id: id },
              update: this.addition(fields, at),
              upsert: true,
            },
          })),
          { ordered: false },
        ),
      );
    } catch (error) {
      const writeErrors = (error as { writeErrors?: { index: number; code?: number }[] }).writeErrors;
      if (!Array.isArray(writeErrors) || writeErrors.some((e) => !isDuplicateKey(e))) throw error;
      for (const { index } of writeErrors) await this.add(items[index].id, items[index].fields);
    }
  }

  /** The item is closed for good (it can never open again): its entry goes whoever added it. */
  async remove(id: string): Promise<void> {
    await this.model.deleteOne({ _id: id });
  }

  async removeMany(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.model.deleteMany({ _id: { $in: ids } });
  }

  /**
   * Removes an entry a sweep read and found its item not open, unless it was added again since (the
   * item may be reopening right now): false then, and the next sweep looks again.
   */
  async removeIfUnchanged(entry: Pick<OpenEntryBase, '_id' | 'n'>): Promise<boolean> {
    return (await this.model.deleteOne({ _id: entry._id, n: entry.n })).deletedCount === 1;
  }

  /** Entries of the set (all unless filtered): this scans, but only the items in flight. */
  async entries(
    filter: FilterQuery<OpenEntryBase> & Partial<Record<keyof F, unknown>> = {},
    options: { sort?: Record<string, SortOrder>; limit?: number } = {},
  ): Promise<OpenEntry<F>[]> {
    let query = this.model.find(filter);
    if (options.sort) query = query.sort(options.sort);
    if (options.limit !== undefined) query = query.limit(options.limit);
    return (await query.lean()) as OpenEntry<F>[];
  }

  private addition(fields: F, at: Date) {
    return { $set: { ...fields, at }, $inc: { n: 1 } };
  }
}

/** An entry added longer ago than `ms` (real time): the write it announced would have landed by now. */
export function addedLongAgo(entry: Pick<OpenEntryBase, 'at'>, ms: number, nowMs = Date.now()): boolean {
  return nowMs - new Date(entry.at).getTime() > ms;
}
