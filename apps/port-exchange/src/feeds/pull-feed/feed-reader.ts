import { Injectable } from '@nestjs/common';
import { EventLogRepository, type LogQuery, type ScanResult } from '../event-log/event-log.repository';
import { FeedsConfig } from '../feeds-config';
import { resolveEventTypes } from '../event-log/event-types';
import { toStructuredCloudEvent } from '../event-log/structured-cloud-event';
import { assertInScope, FeedAudience, type FeedReaderIdentity } from '../scopes/feed-audience';
import type { FeedFilterQuery, FeedPage, FeedPageQuery } from './feed-query.dto';

/** Reads the event log for the pull feed and the stream, by cursor, as the reader's scope allows. */
@Injectable()
export class FeedReader {
  constructor(
    private readonly log: EventLogRepository,
    private readonly audience: FeedAudience,
    private readonly config: FeedsConfig,
  ) {}

  /**
   * The log query of a validated filter for this reader, starting after the given cursor. Asking for a
   * type the reader's role does not receive is refused (403 FEED.TYPE_NOT_IN_SCOPE), not ignored.
   */
  queryOf(reader: FeedReaderIdentity, filter: FeedFilterQuery, after: number, limit: number): LogQuery {
    const asked = filter.types ? resolveEventTypes(filter.types).types : undefined;
    assertInScope(reader.role, asked ?? [], 'types');
    const scope = this.audience.scopeOf(reader, asked);
    return {
      after,
      types: scope.types,
      admit: scope.admit,
      shipmentId: filter.shipmentId,
      since: filter.since ? new Date(filter.since) : undefined,
      limit,
      maxScan: this.config.FEED_MAX_SCAN_PER_READ,
    };
  }

  async page(reader: FeedReaderIdentity, query: FeedPageQuery): Promise<FeedPage> {
    const after = Number(query.after ?? 0);
    const { events, through, atHead } = await this.scan(
      reader,
      this.queryOf(reader, query, after, query.limit),
    );
    return {
      items: events.map((e) => ({ cursor: String(e.seq), event: toStructuredCloudEvent(e) })),
      // past the events this reader may not see too, so the next page does not read them again
      nextCursor: String(through),
      // a full page, or a narrow filter that stopped at the read budget before the head
      hasMore: !atHead,
    };
  }

  /** The matching events, projected for the reader, and the last cursor looked at (see EventLogRepository.scan). */
  async scan(reader: FeedReaderIdentity, query: LogQuery): Promise<ScanResult> {
    const scanned = await this.log.scan(query);
    return {
      ...scanned,
      events: scanned.events.flatMap((event) => this.audience.project(reader, event) ?? []),
    };
  }

  onAppended(listener: () => void): () => void {
    return this.log.onAppended(listener);
  }
}
