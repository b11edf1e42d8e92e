import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { toStructuredCloudEvent } from '../event-log/structured-cloud-event';
import { FeedsConfig } from '../feeds-config';
import type { FeedFilterQuery } from './feed-query.dto';
import { FeedReader } from './feed-reader';

const BATCH = 100;
/** How long a client waits before reconnecting (SSE `retry:`); it then resumes with Last-Event-ID. */
const RECONNECT_MS = 2_000;

/**
 * Server-Sent Events over the event log: `id:` is the cursor, `event:` the CloudEvents type and `data:`
 * the structured CloudEvent, so a client that reconnects with Last-Event-ID misses nothing. New events
 * logged in this process wake the stream at once; the poll catches those logged by other instances.
 */
@Injectable()
export class EventStream implements BeforeApplicationShutdown {
  private readonly logger = new Logger(EventStream.name);
  /** Open streams, each ended by its function: the HTTP server cannot close while one stays open. */
  private readonly open = new Set<() => void>();

  constructor(
    private readonly reader: FeedReader,
    private readonly config: FeedsConfig,
  ) {}

  /** Ends every stream at shutdown; clients reconnect elsewhere with Last-Event-ID. */
  beforeApplicationShutdown(): void {
    for (const end of this.open) end();
  }

  async serve(filter: FeedFilterQuery, startAfter: number, response: Response): Promise<void> {
    let closed = false;
    let wake: (() => void) | null = null;
    const rouse = () => wake?.();
    const unsubscribe = this.reader.onAppended(rouse);
    const end = () => {
      closed = true;
      rouse();
    };
    // the response's close (not the request's) is the client going away
    response.on('close', end);
    this.open.add(end);

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
        const { events, through } = await this.reader.scan(FeedReader.queryOf(filter, cursor, BATCH));
        for (const event of events) {
          const frame = `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(toStructuredCloudEvent(event))}\n\n`;
          cursor = event.seq;
          lastWrite = Date.now();
          // a slow client holds the replay back instead of filling this process's memory
          if (!response.write(frame)) await drainedOrClosed(response);
          if (closed) break;
        }
        if (closed) break;
        // past the events the filter skipped too: the next poll starts where this read ended
        cursor = through;
        if (events.length === BATCH) continue;
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
      this.open.delete(end);
      unsubscribe();
      response.end();
    }
  }
}

function drainedOrClosed(response: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.once('drain', done);
    response.once('close', done);
  });
}
