import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateRepository } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { entryId, GreenChannelEntry, type GreenChannelKind } from './green-channel-entry.schema';

/**
 * Loads and saves register entries. A lodgement reads its importer's AEO entry and its project's entry
 * by _id; lists (for people, and the seeding at boot) scan the small register.
 */
@Injectable()
export class GreenChannelRepository extends AggregateRepository<GreenChannelEntry> {
  constructor(@InjectModel(GreenChannelEntry.name) entries: Model<GreenChannelEntry>) {
    super(entries, 'green-channel entry');
  }

  find(kind: GreenChannelKind, key: string): Promise<GreenChannelEntry | null> {
    return this.findById(entryId(kind, key));
  }

  /** A page of entries, by kind and holder when given, in _id order (AEO first, then projects). */
  list(
    criteria: { kind?: GreenChannelKind; partyId?: string; source?: 'seed' },
    page: number,
    pageSize: number,
  ) {
    return this.page(criteria, {
      sort: { _id: 1 },
      page,
      pageSize,
      projection: { changes: 0 },
    });
  }
}
