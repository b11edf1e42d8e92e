import { Injectable } from '@nestjs/common';
import { EventLogRepository, type LogQuery } from '../event-log/event-log.repository';
import { resolveEventTypes } from '../event-log/event-types';
import type { LoggedEvent } from '../event-log/logged-event.schema';
import type { FeedFilterQuery, FeedPage, FeedPageQuery } from './feed-query.dto';
import { toStructuredCloudEvent } from '../event-log/structured-cloud-event';

/** Reads the event log for the pull feed and the stream, by cursor. */
@Injectable()
export class FeedReader {
  constructor(private readonly log: EventLogRepository) {}

  /** The log query of a validated filter, starting after the given cursor. */
  static queryOf(filter: FeedFilterQuery, after: number, limit: number): LogQuery {
    return {
      after,
      types: filter.types ? resolveEventTypes(filter.types).types : undefined,
      shipmentId: filter.shipmentId,
      since: filter.since ? new Date(filter.since) : undefined,
      limit,
    };
  }

  async page(query: FeedPageQuery): Promise<FeedPage> {
    const after = Number(query.after ?? 0);
    const events = await this.log.read(FeedReader.queryOf(query, after, query.limit));
    return {
      items: events.map((e) => ({ cursor: String(e.seq), event: toStructuredCloudEvent(e) })),
      nextCursor: String(events.at(-1)?.seq ?? after),
      hasMore: events.length === query.limit,
    };
  }

  /** The matching events and the last cursor looked at (see EventLogRepository.scan). */
  scan(query: LogQuery): Promise<{ events: LoggedEvent[]; through: number }> {
    return this.log.scan(query);
  }

  onAppended(listener: () => void): () => void {
    return this.log.onAppended(listener);
  }
}
