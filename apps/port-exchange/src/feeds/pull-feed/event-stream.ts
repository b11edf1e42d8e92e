import { BeforeApplicationShutdown, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@tongguan/platform';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { toStructuredCloudEvent } from '../event-log/structured-cloud-event';
import { FeedsConfig } from '../feeds-config';
import type { FeedReaderIdentity } from '../scopes/feed-audience';
import type { FeedFilterQuery } from './feed-query.dto';
import { FeedReader } from './feed-reader';
import { StreamSlotRepository } from './stream-slot.repository';

const BATCH = 100;
/** How long a client waits before reconnecting (SSE `retry:`); it then resumes with Last-Event-ID. */
const RECONNECT_MS = 2_000;
/** setTimeout's limit; a token valid for longer ends its stream then, and the client reconnects. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Server-Sent Events over the event log: `id:` is the cursor, `event:` the CloudEvents type and `data:`
 * the structured CloudEvent, so a client that reconnects with Last-Event-ID misses nothing. New events
 * logged in this process wake the stream at once; the poll catches those logged by other instances.
 * A party holds at most FEED_MAX_STREAMS_PER_PARTY streams across instances, and a stream ends when
 * the token that opened it expires.
 */
@Injectable()
export class EventStream implements BeforeApplicationShutdown {
  private readonly logger = new Logger(EventStream.name);
  /** Open streams, each ended by its function: the HTTP server cannot close while one stays open. */
  private readonly open = new Set<() => void>();

  constructor(
    private readonly reader: FeedReader,
    private readonly slots: StreamSlotRepository,
    private readonly config: FeedsConfig,
  ) {}

  /** Ends every stream at shutdown; clients reconnect elsewhere with Last-Event-ID. */
  beforeApplicationShutdown(): void {
    for (const end of this.open) end();
  }

  async serve(
    reader: FeedReaderIdentity,
    filter: FeedFilterQuery,
    startAfter: number,
    response: Response,
    expiresAtMs: number | null,
  ): Promise<void> {
    const firstQuery = this.reader.queryOf(reader, filter, startAfter, BATCH); // refuses a bad filter first
    const holder = randomUUID();
    const slotId = await this.claimSlot(reader.party, holder, response);

    let closed = false;
    let endedBy: string | null = null;
    let wake: (() => void) | null = null;
    const rouse = () => wake?.();
    const unsubscribe = this.reader.onAppended(rouse);
    const end = (reason?: string) => {
      endedBy ??= reason ?? null;
      closed = true;
      rouse();
    };
    // the response's close (not the request's) is the client going away
    response.on('close', () => end());
    // a client gone while its place was being claimed: its close came before the listener
    if (response.destroyed || response.closed) end();
    this.open.add(end);
    const expiry =
      expiresAtMs === null
        ? null
        : setTimeout(
            () => end('token expired'),
            Math.min(MAX_TIMER_MS, Math.max(0, expiresAtMs - Date.now())),
          );
    const renewal = setInterval(() => {
      const leaseUntil = new Date(Date.now() + this.config.FEED_STREAM_LEASE_MS);
      this.slots.renew(slotId, holder, leaseUntil).then(
        (held) => held || end('stream place lost'),
        (error: unknown) => this.logger.warn(`stream lease not renewed: ${(error as Error)?.message}`),
      );
    }, this.config.FEED_STREAM_LEASE_MS / 3);

    response.status(200);
    response.set({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no', // nginx would otherwise hold the events back
    });
    response.flushHeaders();
    response.write(`retry: ${RECONNECT_MS}\n\n`);

    let cursor = startAfter;
    let lastWrite = Date.now();
    try {
      while (!closed) {
        const { events, through, atHead } = await this.reader.scan(reader, { ...firstQuery, after: cursor });
        for (const event of events) {
          const frame = `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(toStructuredCloudEvent(event))}\n\n`;
          cursor = event.seq;
          lastWrite = Date.now();
          // a slow client holds the replay back instead of filling this process's memory
          if (!response.write(frame)) await drainedOrClosed(response, () => closed);
          if (closed) break;
        }
        if (closed) break;
        // past the events the filter skipped too: the next poll starts where this read ended
        cursor = through;
        if (!atHead) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.config.FEED_POLL_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
        if (!closed && Date.now() - lastWrite >= this.config.FEED_STREAM_HEARTBEAT_MS) {
          response.write(': keep-alive\n\n');
          lastWrite = Date.now();
        }
      }
    } catch (error) {
      // the client reconnects with Last-Event-ID and loses nothing
      this.logger.warn(
        `event stream ended after cursor ${cursor}: ${(error as Error)?.message ?? String(error)}`,
      );
    } finally {
      if (expiry) clearTimeout(expiry);
      clearInterval(renewal);
      this.open.delete(end);
      unsubscribe();
      if (endedBy && !response.writableEnded && !response.destroyed)
        response.write(`: ${endedBy}; reconnect with a valid token\n\n`);
      response.end();
      // a client that stopped reading would keep the socket open behind its unsent frames
      if (endedBy && response.writableNeedDrain) response.destroy();
      await this.slots
        .release(slotId, holder)
        .catch((error: unknown) => this.logger.warn(`stream place not freed: ${(error as Error)?.message}`));
    }
  }

  /** A place for one more stream of the party, or 429 with Retry-After when all are held. */
  private async claimSlot(party: string, holder: string, response: Response): Promise<string> {
    const now = new Date();
    const max = this.config.FEED_MAX_STREAMS_PER_PARTY;
    const claim = await this.slots.claim(party, max, holder, now, this.config.FEED_STREAM_LEASE_MS);
    if (claim.slotId !== null) return claim.slotId;
    const retryAfter = Math.max(1, Math.ceil((claim.freeAt.getTime() - now.getTime()) / 1000));
    response.setHeader('Retry-After', String(retryAfter));
    throw new DomainError(
      'FEED.TOO_MANY_STREAMS',
      `party ${party} already has ${max} open event streams (at most ${max}); close one or try again later`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

function drainedOrClosed(response: Response, closed: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const poll = setInterval(() => closed() && done(), 1_000);
    const done = () => {
      clearInterval(poll);
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.once('drain', done);
    response.once('close', done);
  });
}
