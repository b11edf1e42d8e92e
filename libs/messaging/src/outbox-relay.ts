import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import { type CloudEvent, PayloadValidationError } from '@tongguan/contracts';
import {
  emptySentOutboxes,
  ensureIndex,
  laterStaging,
  markersOf,
  outboxSignal,
  parkOutboxEvent,
  pendingAsStaged,
  readPending,
  removeMarkers,
  scanPending,
  type OutboxModel,
  type PendingOutbox,
  type StagedDocument,
  type StagedOutbox,
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
/** A document named by a staging write, with its outbox when the write returned it (null: read it). */
type Named = { id: unknown; known: StagedOutbox | null };

/**
 * Relays staged events to Kafka, then removes exactly the entries it sent. Change-driven: every write
 * that stages events names its document (outboxSignal), mostly with the outbox the write left, which
 * the relay sends at once (else it reads the document by _id); a rare sweep finds what this process did
 * not stage. Per staged write that costs the staging write, the marker's upsert, and, shared by all the
 * documents relayed together, one bulk write emptying their outboxes and one removing their markers.
 * Two relays racing may both send an entry, which the consumers' inbox (keyed by ce_id) makes harmless.
 */
@Injectable()
export class OutboxRelay implements OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly models = new Map<string, OutboxModel>();
  /** Documents named by a staging write, per model, in staging order. */
  private readonly staged = new Map<string, Map<string, Named>>();
  /** A sweep of the markers is due. */
  private sweepDue = true;
  /** Models whose whole collection must be searched once (at start, or after a write naming no _id). */
  private readonly fullSweeps = new Set<string>();
  /**
   * The ce_ids sent or parked by this pass and the one before: a document staged again while a pass
   * sent it returns those events too, until that pass has pulled them, so they are not sent twice.
   */
  private handledBefore = new Set<string>();
  private handledNow = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly unlisten: () => void;

  constructor(private readonly publisher: EventPublisher) {
    this.unlisten = outboxSignal.listen((model, id, known) => this.onStaged(model, id, known));
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

  private onStaged(model: OutboxModel, id: unknown, known: StagedOutbox | null): void {
    if (!this.models.has(model.modelName)) return;
    if (id === undefined) this.fullSweeps.add(model.modelName);
    else this.name(model.modelName, id, known);
    this.kick();
  }

  /** Notes a document to relay; staged twice before a pass, it is sent as the later staging left it. */
  private name(modelName: string, id: unknown, known: StagedOutbox | null): void {
    const named = this.staged.get(modelName) ?? new Map<string, Named>();
    const key = String(id);
    const before = named.get(key);
    named.set(key, { id, known: before ? laterStaging(before.known, known) : known });
    this.staged.set(modelName, named);
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    // kicked from a staging write inside a request or handler: the pass is no part of its trace (each
    // event is sent in its own, from its stored traceparent)
    this.timer = context.with(ROOT_CONTEXT, () => setTimeout(() => void this.tick(), 0));
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
    this.handledBefore = this.handledNow;
    this.handledNow = new Set();
    const marked = sweep ? await this.markedIds() : new Map<string, unknown[]>();
    for (const [name, model] of this.models) {
      const named = new Map(this.staged.get(name));
      this.staged.get(name)?.clear();
      for (const id of marked.get(name) ?? [])
        if (!named.has(String(id))) named.set(String(id), { id, known: null });
      try {
        if (named.size > 0) await this.relay(model, await this.pending(model, named.values()));
        if (this.fullSweeps.has(name)) {
          const found = await scanPending(model, BATCH);
          await this.relay(model, found);
          // a full batch may have left more behind: the scan goes on at the next tick
          if (found.length < BATCH) this.fullSweeps.delete(name);
          else this.again = true;
        }
      } catch (error) {
        // put the named documents back, so they are retried by _id rather than left to the sweep; read
        // again, since the pass may have emptied some of them before it failed
        for (const { id } of named.values()) this.name(name, id, null);
        if (sweep) this.sweepDue = true;
        throw error;
      }
    }
  }

  /** The named documents: as their staging write returned them, else read. */
  private pending(model: OutboxModel, named: Iterable<Named>): Promise<PendingOutbox[]> {
    return Promise.all(
      [...named].map(({ id, known }) => (known ? pendingAsStaged(id, known) : readPending(model, id))),
    );
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

  /**
   * One produce request for every document's events (each document's in order), then one bulk write
   * emptying the outboxes and one removing the markers of the documents sent (or found with nothing
   * to send), each marker unless a staging counted on it since. An event that can never be sent
   * (poison) is parked instead, so it holds up nothing after it.
   */
  private async relay(model: OutboxModel, pending: PendingOutbox[]) {
    const docs = pending.flatMap(({ doc }) => (doc && (doc.outbox?.length ?? 0) > 0 ? [doc] : []));
    const handled = (id: string) => this.handledBefore.has(id) || this.handledNow.has(id);
    const entries = docs.flatMap((doc) =>
      ((doc.outbox ?? []) as CloudEvent[]).flatMap((event) => (handled(event.id) ? [] : [{ doc, event }])),
    );
    if (entries.length > 0) await this.send(model, entries);
    for (const { event } of entries) this.handledNow.add(event.id);
    const emptied = await emptySentOutboxes(model, docs);
    // a document staged again meanwhile keeps its marker for that
    await removeMarkers(
      model,
      pending.flatMap(({ doc, id, marked }) =>
        marked !== null && (!doc?.outbox?.length || emptied.has(doc)) ? [{ id, marked }] : [],
      ),
    );
  }

  /**
   * Sends the entries; those that break their contract are parked first. When the broker refuses a
   * record for good (too large, malformed), the entries go one by one to find it: it is parked and the
   * others are sent. Any other failure (broker unavailable) is thrown, and the relay retries it all.
   */
  private async send(
    model: OutboxModel,
    entries: { doc: StagedDocument; event: CloudEvent }[],
  ): Promise<void> {
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

  private async park(
    model: OutboxModel,
    { doc, event }: { doc: StagedDocument; event: CloudEvent },
    error: unknown,
  ) {
    const reason =
      error instanceof UnpublishableEventError
        ? DeadLetterReasons.unknownType
        : error instanceof PayloadValidationError
          ? DeadLetterReasons.payload
          : 'RECORD_REJECTED';
    const text = describeError(error);
    if (!(await parkOutboxEvent(model, doc._id, event as CloudEvent<object>, reason, text))) return;
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
