import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { CloudEvent } from '@tongguan/contracts';
import type { FilterQuery, Model } from 'mongoose';
import { EventEmitter } from 'node:events';
import { feedsMetrics } from '../feeds-metrics';
import { LoggedEvent } from './logged-event.schema';

export interface LogQuery {
  /** Only events after this cursor (exclusive); 0 = from the start. */
  after: number;
  /** CloudEvents types; empty = all. */
  types?: readonly string[];
  shipmentId?: string;
  /** Only events whose business time (ce_time) is at or after this instant. */
  since?: Date;
  limit: number;
}

const MAX_APPEND_TRIES = 20;

/**
 * The durable, ordered log of every platform event port-exchange has seen; webhooks and the pull feed
 * read it by cursor.
 *
 * Why a sequence and how it stays gap-free without transactions: each event is inserted with
 * seq = (highest seq in the log) + 1 under a unique index on seq. An insert therefore only succeeds when
 * the seq below it is already written, so a reader that sees seq n has every seq below n too, and
 * "after=<n>" never skips an event that commits late (a (ce_time, ce_id) order would: a late event
 * with an early ce_time sorts before a cursor that was already handed out). Appends are serialised in
 * this process (FerretDB isolates nothing across connections anyway); a second instance appending at
 * the same moment loses the unique-index race on seq, reloads the head and tries the next number. The
 * _id is the ce_id, so a redelivered event is logged once.
 */
@Injectable()
export class EventLogService {
  private readonly logger = new Logger(EventLogService.name);
  private readonly appended = new EventEmitter();
  private head: number | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(@InjectModel(LoggedEvent.name) private readonly events: Model<LoggedEvent>) {
    this.appended.setMaxListeners(0);
  }

  /** Logs the event once; resolves when it is durable (or was already logged). */
  append(event: CloudEvent): Promise<void> {
    const run = this.queue.then(() => this.appendNow(event));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async appendNow(event: CloudEvent): Promise<void> {
    if (await this.events.exists({ _id: event.id })) return;
    for (let attempt = 1; attempt <= MAX_APPEND_TRIES; attempt++) {
      const seq = (this.head ?? (await this.headSeq())) + 1;
      try {
        await this.events.create({
          _id: event.id,
          seq,
          type: event.type,
          source: event.source,
          timeText: event.time,
          time: new Date(event.time),
          subject: event.subject,
          correlationId: event.correlationId,
          causationId: event.causationId,
          data: JSON.parse(JSON.stringify(event.payload)) as Record<string, unknown>,
          loggedAt: new Date(),
        });
        this.head = seq;
        feedsMetrics.logHead.set(seq);
        this.appended.emit('appended', seq);
        return;
      } catch (error) {
        if ((error as { code?: unknown }).code !== 11000) throw error;
        this.head = null; // someone else took this seq (another instance), or the event is already in
        if (await this.events.exists({ _id: event.id })) return;
        this.logger.debug(`seq ${seq} taken by another writer; retrying ${event.id}`);
      }
    }
    throw new Error(`could not append ${event.id} after ${MAX_APPEND_TRIES} tries: seq contention`);
  }

  /** The cursor of the newest event (0 when the log is empty). */
  async headSeq(): Promise<number> {
    const newest = await this.events.findOne({}, { seq: 1 }).sort({ seq: -1 }).lean();
    return newest?.seq ?? 0;
  }

  async read(query: LogQuery): Promise<LoggedEvent[]> {
    const filter: FilterQuery<LoggedEvent> = { seq: { $gt: query.after } };
    if (query.types?.length) filter.type = { $in: [...query.types] };
    if (query.shipmentId) filter.subject = query.shipmentId;
    if (query.since) filter.time = { $gte: query.since };
    return this.events.find(filter).sort({ seq: 1 }).limit(query.limit).lean<LoggedEvent[]>();
  }

  async byId(eventId: string): Promise<LoggedEvent | null> {
    return this.events.findById(eventId).lean<LoggedEvent>();
  }

  /** Calls back with the new head after each append in this process; returns the unsubscribe. */
  onAppended(listener: (seq: number) => void): () => void {
    this.appended.on('appended', listener);
    return () => this.appended.off('appended', listener);
  }
}
