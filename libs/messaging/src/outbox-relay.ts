import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { type CloudEvent, PayloadValidationError } from '@tongguan/contracts';
import {
  ensureIndex,
  markerKey,
  markersOf,
  outboxSignal,
  parkOutboxEvent,
  type OutboxFields,
  type OutboxModel,
} from '@tongguan/persistence';
import { DeadLetterReasons } from './dead-letter-reasons';
import { EventPublisher } from './event-publisher';
import { describeError, isPoisonRecord, UnpublishableEventError } from './failures';
import { messagingMetrics } from './messaging-metrics';

/**
 * The catch-up sweep for what a crashed or another instance left behind: it reads the outbox markers
 * (one per document with unsent events), so its cost follows the events in flight, not the data stored.
 */
const SWEEP_MS = 5_000;
const BATCH = 100;
const STAGED = { _id: 1, outbox: 1, outboxSeq: 1 } as const;

type Staged = Pick<OutboxFields, 'outbox' | 'outboxSeq'> & { _id: unknown };
/** A document read for relaying, with its marker's count as read before it (null: no marker). */
type Pending = { doc: Staged | null; id: unknown; marked: number | null };

/**
 * Relays staged events to Kafka, then removes exactly the entries it sent. Change-driven: every write
 * that stages events names its document (outboxSignal), which the relay reads by _id at once; a rare
 * sweep finds what this process did not stage. Two relays racing may both send an entry, which the
 * consumers' inbox (keyed by ce_id) makes harmless.
 */
@Injectable()
export class OutboxRelay implements OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly models = new Map<string, OutboxModel>();
  /** Documents named by a staging write, per model, in staging order. */
  private readonly staged = new Map<string, Map<string, unknown>>();
  /** A sweep of the markers is due. */
  private sweepDue = true;
  /** Models whose whole collection must be searched once (at start, or after a write naming no _id). */
  private readonly fullSweeps = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly unlisten: () => void;

  constructor(private readonly publisher: EventPublisher) {
    this.unlisten = outboxSignal.listen((model, id) => this.onStaged(model, id));
  }

  watch(model: OutboxModel): void {
    this.models.set(model.modelName, model);
    // the schema declares it; a collection created before the schema did gets it here
    void ensureIndex(model, { _id: 1, outboxSeq: 1 });
    void ensureIndex(markersOf(model), { _id: 1, n: 1 });
    // events staged before a crash whose marker was never written: one scan per start
    this.fullSweeps.add(model.modelName);
    this.sweepDue = true;
    this.kick();
  }

  private onStaged(model: OutboxModel, id: unknown): void {
    if (!this.models.has(model.modelName)) return;
    if (id === undefined) this.fullSweeps.add(model.modelName);
    else {
      const ids = this.staged.get(model.modelName) ?? new Map<string, unknown>();
      ids.set(String(id), id);
      this.staged.set(model.modelName, ids);
    }
    this.kick();
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), 0);
  }

  private async tick(): Promise<void> {
    this.timer = null;
    this.again = false;
    let failed = false;
    this.running = this.relayAll().catch((error: unknown) => {
      failed = true;
      this.logger.warn(`outbox relay will retry: ${(error as Error).message}`);
    });
    await this.running;
    this.running = null;
    if (this.stopped) return;
    const pending = this.again || [...this.staged.values()].some((ids) => ids.size > 0);
    this.timer = setTimeout(
      () => {
        if (!pending) this.sweepDue = true;
        void this.tick();
      },
      failed ? 500 : pending ? 0 : SWEEP_MS,
    );
  }

  private async relayAll(): Promise<void> {
    const sweep = this.sweepDue;
    this.sweepDue = false;
    const marked = sweep ? await this.markedIds() : new Map<string, unknown[]>();
    for (const [name, model] of this.models) {
      const staged = this.staged.get(name);
      const ids = new Map([...(staged ?? [])].concat((marked.get(name) ?? []).map((id) => [String(id), id])));
      staged?.clear();
      try {
        if (ids.size > 0) await this.relay(model, await this.pendingByIds(model, [...ids.values()]));
        if (this.fullSweeps.has(name)) {
          const found = await this.pendingByScan(model);
          await this.relay(model, found);
          // a full batch may have left more behind: the scan goes on at the next tick
          if (found.length < BATCH) this.fullSweeps.delete(name);
          else this.again = true;
        }
      } catch (error) {
        // put the named documents back, so they are retried by _id rather than left to the sweep
        const retry = this.staged.get(name) ?? new Map<string, unknown>();
        for (const [key, id] of ids) retry.set(key, id);
        this.staged.set(name, retry);
        if (sweep) this.sweepDue = true;
        throw error;
      }
    }
  }

  /** The documents the markers name, per model: every document with events not yet sent. */
  private async markedIds(): Promise<Map<string, unknown[]>> {
    const byModel = new Map<string, unknown[]>();
    const [any] = this.models.values();
    if (!any) return byModel;
    const markers = await markersOf(any)
      .find({}, { model: 1, docId: 1 })
      .limit(BATCH * 10)
      .lean();
    for (const marker of markers)
      byModel.set(marker.model, [...(byModel.get(marker.model) ?? []), marker.docId]);
    return byModel;
  }

  /** Point lookups by _id only (a filter with any other field would scan on mongo-java-server). */
  private async pendingByIds(model: OutboxModel, ids: unknown[]): Promise<Pending[]> {
    const markers = markersOf(model);
    return Promise.all(
      ids.map(async (id) => {
        const marker = await markers.findById(markerKey(model, id), { n: 1 }).lean();
        const doc = (await model.findById(id, STAGED).lean()) as Staged | null;
        return { doc, id, marked: marker?.n ?? null };
      }),
    );
  }

  /** The scan of a whole collection for pending documents: at start, and after a write that named none. */
  private async pendingByScan(model: OutboxModel): Promise<Pending[]> {
    const docs = (await model.find({ outboxPending: true }, STAGED).limit(BATCH).lean()) as Staged[];
    return docs.map((doc) => ({ doc, id: doc._id, marked: null }));
  }

  /**
   * One produce request for every document's events (each document's in order), then one write each:
   * the outbox emptied if no write staged more since the read, else exactly the sent entries pulled.
   * An event that can never be sent (poison) is parked instead, so it holds up nothing after it.
   */
  private async relay(model: OutboxModel, pending: Pending[]) {
    const docs = pending.flatMap(({ doc }) => (doc && (doc.outbox?.length ?? 0) > 0 ? [doc] : []));
    const entries = docs.flatMap((doc) =>
      ((doc.outbox ?? []) as CloudEvent[]).map((event) => ({ doc, event })),
    );
    if (entries.length > 0) await this.send(model, entries);
    await Promise.all(
      pending.map(async ({ doc, id, marked }) => {
        if (doc && (doc.outbox?.length ?? 0) > 0) {
          const emptied = await model.updateOne(
            { _id: doc._id, outboxSeq: doc.outboxSeq ?? null },
            { $set: { outbox: [], outboxPending: false } },
          );
          if (emptied.modifiedCount !== 1) {
            const ids = (doc.outbox ?? []).map((event) => event.id);
            await model.updateOne({ _id: doc._id }, { $pull: { outbox: { id: { $in: ids } } } });
            return; // staged again meanwhile: its marker stays for that
          }
        }
        // sent (or nothing left to send): the marker goes, unless a staging counted on it since
        if (marked !== null) await markersOf(model).deleteOne({ _id: markerKey(model, id), n: marked });
      }),
    );
  }

  /**
   * Sends the entries; those that break their contract are parked first. When the broker refuses a
   * record for good (too large, malformed), the entries go one by one to find it: it is parked and the
   * others are sent. Any other failure (broker unavailable) is thrown, and the relay retries it all.
   */
  private async send(model: OutboxModel, entries: { doc: Staged; event: CloudEvent }[]): Promise<void> {
    const sendable: typeof entries = [];
    for (const entry of entries) {
      const problem = this.publisher.problemOf(entry.event);
      if (problem) await this.park(model, entry, problem);
      else sendable.push(entry);
    }
    if (sendable.length === 0) return;
    try {
      await this.publisher.publish(sendable.map(({ event }) => event));
    } catch (error) {
      if (!isPoisonRecord(error)) throw error;
      for (const entry of sendable) {
        try {
          await this.publisher.publish([entry.event]);
        } catch (failure) {
          if (!isPoisonRecord(failure)) throw failure;
          await this.park(model, entry, failure);
        }
      }
    }
  }

  private async park(model: OutboxModel, { doc, event }: { doc: Staged; event: CloudEvent }, error: unknown) {
    const reason =
      error instanceof UnpublishableEventError
        ? DeadLetterReasons.unknownType
        : error instanceof PayloadValidationError
          ? DeadLetterReasons.payload
          : 'RECORD_REJECTED';
    const text = describeError(error);
    await parkOutboxEvent(model, doc._id, event as CloudEvent<object>, reason, text);
    messagingMetrics.outboxParked.inc({ type: event.type, reason });
    this.logger.error(
      `outbox event ${event.type} ${event.id} of ${model.modelName} ${String(doc._id)} parked in outbox_parked (${reason}): ${text}`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.unlisten();
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
