import type { CloudEvent } from '@tongguan/contracts';
import type { OnModuleInit } from '@nestjs/common';
import type { FilterQuery, Model, ProjectionType, UpdateQuery } from 'mongoose';
import { matches, type Guard } from './guard';
import { ensureIndex } from './indexes';
import { STAGED_OUTBOX, type OutboxModel } from './outbox';
import { isDuplicateKey } from './mongo-errors';

/** A state change of one aggregate, written with the events it causes in one single-document write. */
export interface Change {
  set?: Record<string, unknown>;
  /** Values appended to arrays; `{ $each: [...] }` appends several. */
  push?: Record<string, unknown>;
  unset?: string[];
  inc?: Record<string, number>;
}

/** What a decision function returns: the change and its events, or null when nothing is to be done. */
export interface Decision {
  change: Change;
  events?: CloudEvent[];
}

/** The document moved on between the read and the write more often than the retries allow. */
export class ConcurrentModificationError extends Error {
  constructor(
    readonly aggregate: string,
    readonly id: string,
  ) {
    super(`${aggregate} ${id} kept changing while it was being updated`);
  }
}

/** An aggregate as a service builds it: the repository adds the revision and the outbox. */
export type Unsaved<T> = Omit<T, 'revision' | 'outbox' | 'outboxPending' | 'outboxSeq'>;

interface Revised {
  _id: string;
  /** Bumped by every write through the repository: the optimistic-concurrency guard. */
  revision?: number;
}

/**
 * The one place that knows how an aggregate is stored: reads by _id, inserts that report a duplicate
 * instead of throwing, conditional writes that carry their events (transactional outbox) and bump the
 * revision, and optimistic read-modify-write. Services load, decide with a pure rule, and save.
 */
export abstract class AggregateRepository<T extends Revised> implements OnModuleInit {
  private indexes?: Promise<void>;

  protected constructor(
    protected readonly model: Model<T>,
    private readonly aggregate: string,
  ) {}

  /**
   * The index that makes the revision guard a point lookup: mongo-java-server serves a filter from an
   * index only when the filter names exactly that index's keys, so `{ _id, revision }` needs its own.
   */
  async onModuleInit(): Promise<void> {
    await this.indexesBuilt();
  }

  /**
   * Writes wait for the collection's indexes: mongo-java-server 1.47 fails an insert that runs while an
   * index of the same collection is being created (ConcurrentModificationException, "Unknown error"),
   * which a service's start-up seeding (guarantee accounts, ...) on a fresh database ran into.
   */
  private indexesBuilt(): Promise<void> {
    this.indexes ??= this.model
      .init()
      // a failed build (e.g. another instance created the collection first) must not block writes
      .catch(() => undefined)
      .then(() => ensureIndex(this.model, { _id: 1, revision: 1 }));
    return this.indexes;
  }

  /** The collection the outbox relay watches for this aggregate's staged events. */
  get outboxModel(): OutboxModel {
    return this.model as unknown as OutboxModel;
  }

  async findById(id: string, projection?: ProjectionType<T>): Promise<T | null> {
    return (await this.model.findById(id, projection).lean()) as T | null;
  }

  /**
   * A page of a list for people, by plain equality on fields (it scans and sorts: never on a hot path).
   * Values come from validated DTOs; strictQuery drops fields the schema does not know.
   */
  async page(
    criteria: Partial<Record<keyof T & string, string | number | boolean>>,
    options: { sort: Record<string, 1 | -1>; page: number; pageSize: number; projection?: ProjectionType<T> },
  ): Promise<{ items: T[]; total: number }> {
    const filter = criteria as FilterQuery<T>;
    const [items, total] = await Promise.all([
      this.model
        .find(filter, options.projection)
        .sort(options.sort)
        .skip((options.page - 1) * options.pageSize)
        .limit(options.pageSize)
        .lean(),
      this.model.countDocuments(filter),
    ]);
    return { items: items as T[], total };
  }

  /** Inserts a new aggregate with its events; false when its _id or another unique key is taken. */
  async insert(doc: Unsaved<T>, events: CloudEvent[] = []): Promise<boolean> {
    await this.indexesBuilt();
    try {
      await this.model.create({
        ...doc,
        revision: 1,
        ...(events.length > 0 ? { outbox: events, outboxPending: true } : {}),
      });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /**
   * Applies the change and stages the events only if the document still matches the guard (its _id and
   * the state the decision was made on). True when it was applied: one writer wins any race. The guard
   * is checked on the document read by _id and the write is guarded by the revision read, so the
   * store only ever sees point lookups; a write lost to another writer reads again and re-checks.
   */
  async apply(guard: Guard<T>, decision: Decision): Promise<boolean> {
    const { _id, ...conditions } = guard;
    if (Object.keys(conditions).length === 1 && 'revision' in conditions) {
      return this.write(_id, (conditions.revision as number | undefined) ?? null, decision);
    }
    const { applied } = await this.modify(_id, (current) => (matches(current, conditions) ? decision : null));
    return applied;
  }

  private async write(id: string, revision: number | null, decision: Decision): Promise<boolean> {
    const filter = { _id: id, revision } as FilterQuery<T>;
    const update = toUpdate(decision) as UpdateQuery<T>;
    if (!decision.events?.length) return (await this.model.updateOne(filter, update)).modifiedCount === 1;
    // the outbox as this write left it goes to the relay, which then sends it without reading it back
    const written = await this.model
      .findOneAndUpdate(filter, update, { projection: STAGED_OUTBOX, returnDocument: 'after' })
      .lean();
    return written !== null;
  }

  /**
   * Optimistic read-modify-write: reads the aggregate, lets `decide` compute the change from it, and
   * writes guarded by the revision it read; on a lost race it reads again. Returns the state read and
   * whether a change was applied (decide may return null: nothing to do).
   */
  async modify(
    id: string,
    decide: (current: T) => Decision | null,
    attempts = 8,
  ): Promise<{ current: T | null; applied: boolean }> {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const current = await this.findById(id);
      if (!current) return { current: null, applied: false };
      const decision = decide(current);
      if (!decision) return { current, applied: false };
      if (await this.write(id, current.revision ?? null, decision)) return { current, applied: true };
    }
    throw new ConcurrentModificationError(this.aggregate, id);
  }
}

function toUpdate({ change, events = [] }: Decision): Record<string, unknown> {
  const set = { ...change.set };
  const push = { ...change.push };
  if (events.length > 0) {
    push.outbox = { $each: events };
    set.outboxPending = true;
  }
  const update: Record<string, Record<string, unknown>> = { $inc: { ...change.inc, revision: 1 } };
  if (Object.keys(set).length > 0) update.$set = set;
  if (Object.keys(push).length > 0) update.$push = push;
  if (change.unset?.length) update.$unset = Object.fromEntries(change.unset.map((path) => [path, 1]));
  return update;
}
