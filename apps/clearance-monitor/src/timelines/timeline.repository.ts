import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { addedLongAgo, AggregateRepository, ConcurrentModificationError } from '@tongguan/persistence';
import type { FilterQuery, Model } from 'mongoose';
import { isDeepStrictEqual } from 'node:util';
import type { AlertKind } from '../alerts/sla-alert-rules';
import { stageSampleOf } from '../prediction/completion-prediction';
import { openSetChanges } from './open-set-changes';
import type { RecentRelease } from './recent-release.schema';
import { emptyTimeline, type TimelineFacts } from './timeline';
import { Timeline } from './timeline.schema';
import { WorkingSetsRepository } from './working-sets.repository';

const FOLD_ATTEMPTS = 10;
/**
 * Real ms after which an in-flight entry whose timeline never came (the fold that wrote it gave up,
 * dead-lettered) is dropped; a redrive writes it again.
 */
const ABANDONED_AFTER_MS = 60 * 60_000;

/** What an SLA assessment of a shipment reads. */
const ASSESSED = {
  stamps: 1,
  channel: 1,
  greenChannel: 1,
  withdrawn: 1,
  traderWaits: 1,
  arrivedAt: 1,
  releasedAt: 1,
  atRiskAlerted: 1,
  breachAlerted: 1,
} as const;
export type AssessedTimeline = Pick<Timeline, keyof typeof ASSESSED | '_id'>;

/** Arrived, not released, not withdrawn: the clearance clock is running. */
const IN_FLIGHT: FilterQuery<Timeline> = {
  arrivedAt: { $exists: true },
  releasedAt: { $exists: false },
  withdrawn: { $ne: true },
};
const inFlight = (t: AssessedTimeline) =>
  t.arrivedAt !== undefined && t.releasedAt === undefined && t.withdrawn !== true;
/** Released or withdrawn: never in flight again. */
const landed = (t: AssessedTimeline) => t.releasedAt !== undefined || t.withdrawn === true;

/** A page of a list: shipments in flight by arrival (oldest first) or released by release (latest first). */
export interface ListPage {
  released: boolean;
  from?: Date;
  to?: Date;
  /** In flight only: arrived before this (the breached list). */
  arrivedBefore?: Date;
  /** Resume after this shipment (its arrival or release, and its id). */
  after?: { at: Date; id: string } | null;
  limit: number;
}

/**
 * Loads and saves timelines (_id = shipmentId). The fold and the alert flags go by _id; the lists and
 * the statistics read ranges of arrival or release, which scan: they serve people, never an event
 * handler. The periodic jobs read the working sets the fold keeps (shipments in flight, recent
 * releases), which each process rebuilds from the timelines once, at its first read.
 */
@Injectable()
export class TimelineRepository extends AggregateRepository<Timeline> {
  private inFlightRebuilt: Promise<void> | null = null;
  private releasesRebuilt: Promise<void> | null = null;

  constructor(
    @InjectModel(Timeline.name) timelines: Model<Timeline>,
    private readonly sets: WorkingSetsRepository,
  ) {
    super(timelines, 'timeline');
  }

  /**
   * Folds into the shipment's timeline: reads it (an empty one if new), computes the next facts, and
   * writes them guarded by the revision read, or creates the timeline with a unique insert; on a lost
   * race it reads again, so two instances folding one shipment never lose a stamp. Null when the fold
   * changed nothing (a redelivery): nothing is written. The working sets' entries a fold opens are
   * written before the timeline (a crash between leaves one too many, which the readers drop), the one
   * it closes after it.
   */
  async fold(
    shipmentId: string,
    fold: (facts: TimelineFacts) => TimelineFacts,
  ): Promise<{ before: TimelineFacts; after: TimelineFacts } | null> {
    for (let attempt = 0; attempt < FOLD_ATTEMPTS; attempt++) {
      const current = await this.findById(shipmentId);
      const before = current ? toFacts(current) : emptyTimeline(shipmentId);
      const after = fold(before);
      if (current && isDeepStrictEqual(before, after)) return null;
      const changes = openSetChanges(before, after);
      await this.sets.beforeFold(shipmentId, changes);
      const fields = stored(after);
      const guard = { _id: shipmentId, revision: current?.revision ?? null } as FilterQuery<Timeline> & {
        _id: string;
      };
      const written = current
        ? await this.apply(guard, { change: { set: fields } })
        : await this.insert({ _id: shipmentId, ...fields });
      if (written) {
        await this.sets.afterFold(shipmentId, changes);
        return { before, after };
      }
    }
    throw new ConcurrentModificationError('timeline', shipmentId);
  }

  /** Notes an alert raised on the timeline; a breach makes an at-risk alert moot. */
  async markAlerted(shipmentId: string, kind: AlertKind): Promise<void> {
    const set = kind === 'breached' ? { breachAlerted: true, atRiskAlerted: true } : { atRiskAlerted: true };
    await this.apply({ _id: shipmentId }, { change: { set } });
  }

  async importerOf(shipmentId: string): Promise<string | null> {
    return (await this.findById(shipmentId, { importerId: 1 }))?.importerId ?? null;
  }

  /**
   * Shipments in flight, oldest arrival first: the open set's entries, then their timelines by _id
   * (one query the _id index serves), checked again, since an entry may outlive its flight.
   */
  async inFlight(limit: number): Promise<AssessedTimeline[]> {
    await (this.inFlightRebuilt ??= this.rebuildInFlight().catch((error: unknown) => {
      this.inFlightRebuilt = null;
      throw error;
    }));
    const entries = await this.sets.inFlightEntries(limit);
    if (entries.length === 0) return [];
    const found = await this.model
      .find({ _id: { $in: entries.map((e) => e._id) } }, ASSESSED)
      .lean<AssessedTimeline[]>();
    const byId = new Map(found.map((t) => [t._id, t]));
    const flying: AssessedTimeline[] = [];
    const gone: string[] = [];
    for (const entry of entries) {
      const timeline = byId.get(entry._id);
      if (timeline && inFlight(timeline)) flying.push(timeline);
      else if (timeline && landed(timeline)) gone.push(entry._id);
      else if (addedLongAgo(entry, ABANDONED_AFTER_MS)) await this.sets.abandoned(entry);
    }
    await this.sets.landed(gone);
    return flying.sort(byArrival);
  }

  /** Adds every timeline in flight to the open set: it scans, so once per process. */
  private async rebuildInFlight(): Promise<void> {
    const flying = await this.model
      .find(IN_FLIGHT, { arrivedAt: 1 })
      .lean<Pick<Timeline, '_id' | 'arrivedAt'>[]>();
    await this.sets.flying(flying.map((t) => ({ id: t._id, arrivedAt: t.arrivedAt! })));
  }

  async listPage({ released, from, to, arrivedBefore, after, limit }: ListPage): Promise<AssessedTimeline[]> {
    const field = released ? 'releasedAt' : 'arrivedAt';
    const direction = released ? -1 : 1;
    const range: Record<string, Date> = {};
    if (from) range.$gte = from;
    if (to) range.$lt = to;
    if (arrivedBefore && !released && !(range.$lt && range.$lt < arrivedBefore)) range.$lt = arrivedBefore;
    const filter: FilterQuery<Timeline> = released
      ? { releasedAt: { $exists: true, ...range } }
      : { ...IN_FLIGHT, arrivedAt: { $exists: true, ...range } };
    if (after) {
      const beyond = direction === 1 ? '$gt' : '$lt';
      filter.$or = [{ [field]: { [beyond]: after.at } }, { [field]: after.at, _id: { [beyond]: after.id } }];
    }
    return this.model
      .find(filter, ASSESSED)
      .sort({ [field]: direction, _id: direction })
      .limit(limit)
      .lean<AssessedTimeline[]>();
  }

  /**
   * The stage hours of the `limit` latest releases since a time, for the stage-time medians: read
   * from the window of recent releases the fold keeps, not from the timelines.
   */
  async releasedSince(since: Date, limit: number): Promise<RecentRelease[]> {
    await (this.releasesRebuilt ??= this.rebuildReleases(since, limit).catch((error: unknown) => {
      this.releasesRebuilt = null;
      throw error;
    }));
    return this.sets.recentReleases(since, limit);
  }

  /** Fills the window from the released timelines: it scans, so once per process. */
  private async rebuildReleases(since: Date, limit: number): Promise<void> {
    const released = await this.model
      .find({ releasedAt: { $exists: true, $gte: since } }, { stamps: 1, channel: 1, releasedAt: 1 })
      .sort({ releasedAt: -1 })
      .limit(limit)
      .lean<Pick<Timeline, '_id' | 'stamps' | 'channel' | 'releasedAt'>[]>();
    await this.sets.remember(
      released.map((t) => ({ id: t._id, sample: { ...stageSampleOf(t), releasedAt: t.releasedAt! } })),
    );
  }

  async countReleasedIn(window: { from: Date; to: Date | null }): Promise<number> {
    return this.model.countDocuments(releasedWithin(window));
  }

  async releasedIn(window: { from: Date; to: Date | null }) {
    return this.model
      .find(releasedWithin(window), {
        stamps: 1,
        channel: 1,
        greenChannel: 1,
        traderWaits: 1,
        direction: 1,
      })
      .lean();
  }
}

function byArrival(a: AssessedTimeline, b: AssessedTimeline): number {
  const at = new Date(a.arrivedAt!).getTime() - new Date(b.arrivedAt!).getTime();
  return at !== 0 ? at : a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
}

function releasedWithin({ from, to }: { from: Date; to: Date | null }): FilterQuery<Timeline> {
  return { releasedAt: { $exists: true, $gte: from, ...(to === null ? {} : { $lt: to }) } };
}

/** The stored fields of the facts, with the two stamps the lists range over copied as dates. */
function stored(facts: TimelineFacts) {
  return {
    ...facts,
    ...(facts.stamps.released ? { releasedAt: new Date(facts.stamps.released) } : {}),
    ...(facts.stamps.arrival ? { arrivedAt: new Date(facts.stamps.arrival) } : {}),
  };
}

/** The folded facts of a stored timeline (its other fields, like the revision and alert flags, left out). */
function toFacts(doc: Timeline): TimelineFacts {
  const facts = emptyTimeline(doc._id);
  for (const key of Object.keys(facts) as (keyof TimelineFacts)[]) {
    if (doc[key] !== undefined) (facts as unknown as Record<string, unknown>)[key] = doc[key];
  }
  facts.stamps = { ...emptyTimeline(doc._id).stamps, ...doc.stamps };
  return facts;
}
