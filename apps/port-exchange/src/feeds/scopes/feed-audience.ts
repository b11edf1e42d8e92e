import { HttpStatus, Injectable } from '@nestjs/common';
import { DomainError } from '@tongguan/platform';
import type { LoggedEvent } from '../event-log/logged-event.schema';
import {
  belongsTo,
  effectiveTypes,
  namedOwner,
  ownShipmentsOnly,
  projectPayload,
  typesOutOfScope,
} from './feed-scopes';
import { ShipmentOwnerRepository } from './shipment-owner.repository';

/** Who reads a feed: a token's or a subscription's role and party. */
export interface FeedReaderIdentity {
  role: string;
  party: string;
}

/** What a reader may read of the log: the types to scan and a filter of a scanned batch. */
export interface ReaderScope {
  types: string[];
  /** Keeps the events of the batch the reader may see, in order (async: an importer's owner lookup). */
  keep?: (events: LoggedEvent[]) => Promise<LoggedEvent[]>;
}

/**
 * Applies the scope table (feed-scopes.ts) to one reader, the same way for the pull feed, the stream
 * and webhooks: the types the role receives, an importer's own shipments only, and the payload fields.
 */
@Injectable()
export class FeedAudience {
  constructor(private readonly owners: ShipmentOwnerRepository) {}

  scopeOf(reader: FeedReaderIdentity, asked?: readonly string[]): ReaderScope {
    const types = effectiveTypes(reader.role, asked);
    if (!ownShipmentsOnly(reader.role)) return { types };
    return { types, keep: (events) => this.own(reader.party, events) };
  }

  /** The event as the reader may see it; null when it is not for this reader at all. */
  project(reader: FeedReaderIdentity, event: LoggedEvent): LoggedEvent | null {
    const data = projectPayload(reader.role, event.type, event.data);
    return data ? { ...event, data } : null;
  }

  /** Whether the reader may receive this one event (type and, for an importer, ownership). */
  async admits(reader: FeedReaderIdentity, event: LoggedEvent): Promise<boolean> {
    const scope = this.scopeOf(reader);
    if (!scope.types.includes(event.type)) return false;
    return scope.keep ? (await scope.keep([event])).length === 1 : true;
  }

  private async own(party: string, events: LoggedEvent[]): Promise<LoggedEvent[]> {
    const unnamed = events.filter((e) => namedOwner(e.data) === undefined).map((e) => e.subject);
    const owners = await this.owners.ownersOf(unnamed);
    return events.filter((e) => belongsTo(party, e.data, owners.get(e.subject)));
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
