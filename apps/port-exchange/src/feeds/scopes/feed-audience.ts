import { HttpStatus, Injectable } from '@nestjs/common';
import { DomainError } from '@tongguan/platform';
import type { LoggedEvent } from '../event-log/logged-event.schema';
import { effectiveTypes, projectPayload, readerFilter, typesOutOfScope } from './feed-scopes';

/** Who reads a feed: a token's or a subscription's role and party. */
export interface FeedReaderIdentity {
  role: string;
  party: string;
}

/** What a reader may read of the log: the types to scan and which of their events it may see. */
export interface ReaderScope {
  types: string[];
  /** Absent: every event of the types (replay copies aside). */
  admit?: (event: LoggedEvent) => boolean;
}

/**
 * Applies the scope table (feed-scopes.ts) to one reader, the same way for the pull feed, the stream
 * and webhooks: the types the role receives, a trader's own shipments or an agency's own events
 * only, and the payload fields.
 */
@Injectable()
export class FeedAudience {
  scopeOf(reader: FeedReaderIdentity, asked?: readonly string[]): ReaderScope {
    const types = effectiveTypes(reader.role, asked);
    const admit = readerFilter(reader.role, reader.party);
    return admit ? { types, admit } : { types };
  }

  /** The event as the reader may see it; null when it is not for this reader at all. */
  project(reader: FeedReaderIdentity, event: LoggedEvent): LoggedEvent | null {
    const data = projectPayload(reader.role, event.type, event.data);
    return data ? { ...event, data } : null;
  }

  /** Whether the reader may receive this one event (its type, and whom it is for). */
  admits(reader: FeedReaderIdentity, event: LoggedEvent): boolean {
    const scope = this.scopeOf(reader);
    if (!scope.types.includes(event.type)) return false;
    return scope.admit ? scope.admit(event) : event.replayOf === undefined;
  }
}

/** Refuses types the role does not receive, each named on its own, so the caller fixes them all at once. */
export function assertInScope(role: string, types: readonly string[], path: string): void {
  const refused = typesOutOfScope(role, types);
  if (refused.length === 0) return;
  throw new DomainError(
    'FEED.TYPE_NOT_IN_SCOPE',
    `role ${role} does not receive ${refused.join(', ')}`,
    HttpStatus.FORBIDDEN,
    refused.map((type) => ({
      path,
      code: 'TYPE_NOT_IN_SCOPE',
      message: `${type} is not in the feed of role ${role} (see README "What each role receives")`,
    })),
  );
}
