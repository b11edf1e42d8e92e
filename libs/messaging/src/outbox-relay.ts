import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { CloudEvent } from '@tongguan/contracts';
import { EventPublisher } from './event-publisher';
import type { OutboxModel } from './outbox';

const POLL_MS = 200;
/**
 * While there is nothing to relay the poll backs off to this. Each staging call nudges the relay, so
 * the poll only catches what a crashed or other instance left behind; and on FerretDB 1.x a query on
 * outboxPending scans the whole collection, so polling an idle collection five times a second costs
 * every service on the server.
 */
const IDLE_POLL_MAX_MS = 3_200;
const BATCH = 100;

/**
 * Relays staged events from the documents that hold them to Kafka, oldest first, then removes exactly
 * the entries it sent. Runs in every instance; two relays racing may both send an entry, which the
 * consumers' inbox (keyed by ce_id) makes harmless.
 */
@Injectable()
export class OutboxRelay implements OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly models: OutboxModel[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private idlePollMs = POLL_MS;

  constructor(private readonly publisher: EventPublisher) {}

  watch(model: OutboxModel): void {
    this.models.push(model);
    this.schedule(0);
  }

  /** Call after staging events so they leave now rather than at the next poll. */
  nudge(): void {
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delay);
  }

  private async tick(): Promise<void> {
    this.timer = null;
    let relayed = 0;
    this.running = this.drainAll().then((count) => {
      relayed = count;
    });
    try {
      await this.running;
    } finally {
      this.running = null;
    }
    this.idlePollMs = relayed > 0 || this.again ? POLL_MS : Math.min(this.idlePollMs * 2, IDLE_POLL_MAX_MS);
    this.schedule(this.again ? 0 : this.idlePollMs);
    this.again = false;
  }

  /** Returns how many documents had events to relay. */
  private async drainAll(): Promise<number> {
    let relayed = 0;
    for (const model of this.models) {
      try {
        relayed += await this.drain(model);
      } catch (error) {
        relayed += 1; // retry at the fast pace
        this.logger.warn(`outbox relay for ${model.modelName} will retry: ${(error as Error).message}`);
      }
    }
    return relayed;
  }

  private async drain(model: OutboxModel): Promise<number> {
    const docs = await model.find({ outboxPending: true }, { _id: 1, outbox: 1 }).limit(BATCH).lean();
    for (const doc of docs) {
      const events = (doc.outbox ?? []) as CloudEvent[];
      if (events.length > 0) await this.publisher.publish(events);
      // $pullAll of the exact entries read: FerretDB 1.x ignores a conditional $pull ({id: {$in}})
      await model.updateOne({ _id: doc._id }, { $pullAll: { outbox: events } });
      await model.updateOne({ _id: doc._id, outbox: { $size: 0 } }, { $set: { outboxPending: false } });
    }
    return docs.length;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
