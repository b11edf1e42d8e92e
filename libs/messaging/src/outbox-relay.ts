import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { CloudEvent } from '@tongguan/contracts';
import { ensureIndex, outboxSignal, type OutboxFields, type OutboxModel } from '@tongguan/persistence';
import { EventPublisher } from './event-publisher';

/** The catch-up sweep for what a crashed or another instance left behind (its query scans: keep it rare). */
const SWEEP_MS = 5_000;
const BATCH = 100;
const STAGED = { _id: 1, outbox: 1, outboxSeq: 1 } as const;

type Staged = Pick<OutboxFields, 'outbox' | 'outboxSeq'> & { _id: unknown };

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
  private sweepDue = true;
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
    this.sweepDue = true;
    this.kick();
  }

  /** Asks for a sweep now (a write the signal could not name, e.g. an updateMany). */
  nudge(): void {
    this.sweepDue = true;
    this.kick();
  }

  private onStaged(model: OutboxModel, id: unknown): void {
    if (!this.models.has(model.modelName)) return;
    if (id === undefined) this.sweepDue = true;
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
    for (const [name, model] of this.models) {
      const staged = this.staged.get(name);
      const ids = staged ? [...staged.values()] : [];
      staged?.clear();
      try {
        if (ids.length > 0) await this.relay(model, await this.pendingByIds(model, ids));
        if (sweep) await this.relay(model, await this.pendingBySweep(model));
      } catch (error) {
        // put the named documents back, so they are retried by _id rather than left to the sweep
        for (const id of ids) this.staged.get(name)?.set(String(id), id);
        throw error;
      }
    }
  }

  /** Point lookups by _id only: a filter with any other field would scan on mongo-java-server. */
  private async pendingByIds(model: OutboxModel, ids: unknown[]) {
    const docs = await Promise.all(ids.map((_id) => model.findById(_id, STAGED).lean()));
    return docs.filter((doc) => doc !== null && (doc.outbox?.length ?? 0) > 0) as Staged[];
  }

  private async pendingBySweep(model: OutboxModel) {
    const docs = (await model.find({ outboxPending: true }, STAGED).limit(BATCH).lean()) as Staged[];
    if (docs.length === BATCH) this.sweepDue = true;
    return docs;
  }

  /**
   * One produce request for every document's events (each document's in order), then one write each:
   * the outbox emptied if no write staged more since the read, else exactly the sent entries pulled.
   */
  private async relay(model: OutboxModel, docs: Staged[]) {
    if (docs.length === 0) return;
    await this.publisher.publish(docs.flatMap((doc) => (doc.outbox ?? []) as CloudEvent[]));
    await Promise.all(
      docs.map(async (doc) => {
        const emptied = await model.updateOne(
          { _id: doc._id, outboxSeq: doc.outboxSeq ?? null },
          { $set: { outbox: [], outboxPending: false } },
        );
        if (emptied.modifiedCount === 1) return;
        const ids = (doc.outbox ?? []).map((event) => event.id);
        await model.updateOne({ _id: doc._id }, { $pull: { outbox: { id: { $in: ids } } } });
      }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.unlisten();
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
