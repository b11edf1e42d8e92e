import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { CloudEvent } from '@tongguan/contracts';
import { isDuplicateKey } from '@tongguan/persistence';
import type { Model } from 'mongoose';
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
  /**
   * Whether the reader may see an event of its types (a trader: those logged for it; an agency: those
   * naming it). Without it, replay copies are left out: they exist for the readers whose admit takes them.
   */
  admit?: (event: LoggedEvent) => boolean;
  /**
   * Seqs one read may look at: a narrow filter far behind the head stops there (and says so), so one
   * request costs a bounded number of reads; the caller goes on from `through`.
   */
  maxScan?: number;
}

export interface ScanResult {
  events: LoggedEvent[];
  /** The last seq looked at: a caller may move its cursor there even when nothing matched. */
  through: number;
  /** True when the read reached the head of the log as it saw it (nothing more to read now). */
  atHead: boolean;
}

const MAX_APPEND_TRIES = 20;
/** Events written by one group commit at most. */
const APPEND_BATCH = 500;
/** Seqs read per query when a filter may skip events: an $in on the unique seq index, one lookup each. */
const WINDOW = 500;

/** What an append writes besides its seq and the time it is logged. */
type Unlogged = Omit<LoggedEvent, 'seq' | 'loggedAt'>;

/**
 * The durable, ordered log of every platform event port-exchange has seen; webhooks and the pull feed
 * read it by cursor.
 *
 * Why a sequence and how it stays gap-free without transactions: each event is inserted with
 * seq = (highest seq in the log) + 1 under a unique index on seq. An insert therefore only succeeds when
 * the seq below it is already written, so a reader that sees seq n has every seq below n too, and
 * "after=<n>" never skips an event that commits late (a (ce_time, ce_id) order would: a late event
 * with an early ce_time sorts before a cursor that was already handed out). Appends are serialised in
 * this process and group-committed (the events waiting go in one ordered insert of consecutive seqs); a
 * second instance appending at the same moment loses the unique-index race on seq, reloads the head and
 * tries the next numbers. The _id is the ce_id, so a redelivered event is logged once.
 *
 * A replay copy (an event owed to a trader learnt after it was logged, see ShipmentAudience) is an
 * entry of its own at the head, for that trader only, naming the original by `replayOf`.
 *
 * Every read goes by equality on the unique seq (or the _id): the head is found by probing seqs above
 * the last one known (gap-free: seq n present means all below are), a page by the seqs after its cursor.
 */
@Injectable()
export class EventLogRepository {
  private readonly logger = new Logger(EventLogRepository.name);
  private readonly appended = new EventEmitter();
  /** The head as this process last wrote it; null when another writer may have moved it. */
  private head: number | null = null;
  /** The highest seq known to be in the log (0: none): where probing for the head starts. */
  private known = 0;
  /** Events handed to append and not yet written, with their callers' promises. */
  private waiting: { entry: Unlogged; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private flushing: Promise<void> | null = null;

  constructor(@InjectModel(LoggedEvent.name) private readonly events: Model<LoggedEvent>) {
    this.appended.setMaxListeners(0);
  }

  /**
   * Logs the event once; resolves when it is durable (or was already logged). `parties`: the traders
   * it is for (absent for a type no trader receives).
   */
  append(event: CloudEvent, parties?: readonly string[]): Promise<void> {
    return this.enqueue(toEntry(event, parties));
  }

  /** Logs a copy of an earlier event for one party, once per (event, party); resolves when durable. */
  appendReplay(original: LoggedEvent, party: string): Promise<void> {
    const { type, source, timeText, time, subject, correlationId, causationId, data } = original;
    return this.enqueue({
      _id: replayId(original._id, party),
      ...{ type, source, timeText, time, subject, correlationId, causationId, data },
      parties: [party],
      replayOf: original._id,
    });
  }

  private enqueue(entry: Unlogged): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ entry, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /**
   * Group commit: the events that arrive while a write is under way go together in the next one, as
   * consecutive seqs in one ordered insert (the consumer hands over events of several partitions at
   * once). One append per event cost two round trips, one after the other, for every event of the
   * platform.
   */
  private async flush(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, APPEND_BATCH);
      try {
        await this.appendNow(batch.map(({ entry }) => entry));
        for (const { resolve } of batch) resolve();
      } catch (error) {
        for (const { reject } of batch) reject(error);
      }
    }
    this.flushing = null;
  }

  private async appendNow(batch: Unlogged[]): Promise<void> {
    let todo = [...new Map(batch.map((entry) => [entry._id, entry])).values()];
    for (let attempt = 1; attempt <= MAX_APPEND_TRIES; attempt++) {
      // a redelivered event, or one another instance logged meanwhile, is in already
      const logged = await this.events
        .find({ _id: { $in: todo.map((entry) => entry._id) } }, { _id: 1 })
        .lean<{ _id: string }[]>();
      const known = new Set(logged.map(({ _id }) => _id));
      todo = todo.filter((entry) => !known.has(entry._id));
      if (todo.length === 0) return;
      const base = this.head ?? (await this.headSeq());
      const loggedAt = new Date();
      const docs = todo.map((entry, index) => ({ ...entry, seq: base + 1 + index, loggedAt }));
      let written = docs.length;
      try {
        // ordered: the insert stops at the first seq another writer took, so what is written has no gap
        await this.events.insertMany(docs, { ordered: true, lean: true });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        written = firstFailedIndex(error) ?? 0;
        this.head = null; // someone else took a seq (another instance), or an event is already in
        this.logger.debug(`seq ${base + 1 + written} taken by another writer; retrying the rest`);
      }
      if (written > 0) {
        const last = base + written;
        if (written === docs.length) this.head = last;
        this.known = Math.max(this.known, last);
        feedsMetrics.logHead.set(this.known);
        this.appended.emit('appended', last);
      }
      todo = todo.slice(written);
      if (todo.length === 0) return;
    }
    throw new Error(`could not append ${todo.length} events after ${MAX_APPEND_TRIES} tries: seq contention`);
  }

  /** The cursor of the newest event (0 when the log is empty). */
  async headSeq(): Promise<number> {
    let present = this.known;
    let step = 1;
    // gallop up while the seq ahead is present, then halve the gap: one lookup when nothing is new
    while (await this.has(present + step)) {
      present += step;
      step *= 2;
    }
    let absent = present + step;
    while (absent - present > 1) {
      const middle = Math.floor((present + absent) / 2);
      if (await this.has(middle)) present = middle;
      else absent = middle;
    }
    this.known = Math.max(this.known, present);
    return present;
  }

  async read(query: LogQuery): Promise<LoggedEvent[]> {
    return (await this.scan(query)).events;
  }

  /**
   * The matching events after the cursor, in log order, and `through`: the last seq looked at, past
   * which a caller may move its cursor even when nothing matched. Reads the seqs after the cursor a
   * window at a time; filters (type, shipment, time) are applied to what is read, so a narrow filter
   * walks the log from the cursor on.
   */
  async scan(query: LogQuery): Promise<ScanResult> {
    const filtered = Boolean(query.types || query.shipmentId || query.since || query.admit);
    const wide = filtered ? Math.max(WINDOW, query.limit) : query.limit;
    const window = Math.min(wide, query.maxScan ?? wide);
    const types = query.types ? new Set(query.types) : null;
    const matches = (event: LoggedEvent) =>
      (!types || types.has(event.type)) &&
      (!query.shipmentId || event.subject === query.shipmentId) &&
      (!query.since || event.time.getTime() >= query.since.getTime()) &&
      (query.admit ? query.admit(event) : event.replayOf === undefined);
    const events: LoggedEvent[] = [];
    let through = query.after;
    for (;;) {
      const seqs = Array.from({ length: window }, (_, i) => through + 1 + i);
      const found = await this.events.find({ seq: { $in: seqs } }).lean<LoggedEvent[]>();
      found.sort((a, b) => a.seq - b.seq);
      // the seqs read without a gap: past a gap is the head as this read saw it
      const read: LoggedEvent[] = [];
      for (const event of found) {
        if (event.seq !== through + 1 + read.length) break;
        read.push(event);
      }
      for (const event of read.filter(matches)) {
        events.push(event);
        if (events.length === query.limit) return { events, through: event.seq, atHead: false };
      }
      through = read.at(-1)?.seq ?? through;
      this.known = Math.max(this.known, through);
      if (read.length < window) return { events, through, atHead: true };
      if (query.maxScan !== undefined && through - query.after >= query.maxScan) {
        return { events, through, atHead: false };
      }
    }
  }

  async byId(eventId: string): Promise<LoggedEvent | null> {
    return this.events.findById(eventId).lean<LoggedEvent>();
  }

  /** The logged events among these ids (an $in on _id: one lookup each). */
  async byIds(eventIds: readonly string[]): Promise<LoggedEvent[]> {
    if (eventIds.length === 0) return [];
    return this.events.find({ _id: { $in: [...eventIds] } }).lean<LoggedEvent[]>();
  }

  /** Calls back with the new head after each append in this process; returns the unsubscribe. */
  onAppended(listener: (seq: number) => void): () => void {
    this.appended.on('appended', listener);
    return () => this.appended.off('appended', listener);
  }

  private async has(seq: number): Promise<boolean> {
    return (await this.events.exists({ seq })) !== null;
  }
}

function toEntry(event: CloudEvent, parties: readonly string[] | undefined): Unlogged {
  return {
    _id: event.id,
    type: event.type,
    source: event.source,
    timeText: event.time,
    time: new Date(event.time),
    subject: event.subject,
    correlationId: event.correlationId,
    causationId: event.causationId,
    data: JSON.parse(JSON.stringify(event.payload)) as Record<string, unknown>,
    ...(parties ? { parties: [...parties] } : {}),
  };
}

/** A copy's _id: one per original and party, so owing it twice logs it once. */
function replayId(originalId: string, party: string): string {
  return `${originalId}/replay/${party}`;
}

/** Where an ordered insert stopped: the position of its first refused document. */
function firstFailedIndex(error: unknown): number | undefined {
  const { writeErrors } = error as { writeErrors?: { index: number } | { index: number }[] };
  const first = Array.isArray(writeErrors) ? writeErrors[0] : writeErrors;
  return typeof first?.index === 'number' ? first.index : undefined;
}
