import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { OpenSet, type OpenEntryBase } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { IN_FLIGHT_SHIPMENT, type InFlightShipment } from './in-flight-shipment.schema';
import type { OpenSetChanges, ReleaseSample } from './open-set-changes';
import { RECENT_RELEASE, type RecentRelease } from './recent-release.schema';

/**
 * The small sets the monitor's periodic jobs read instead of every timeline: the shipments in flight
 * (an open set) and the stage hours of recent releases (a bounded window). The fold writes an entry
 * before the timeline write it announces, so a crash leaves an entry too many, never one too few, and
 * removes one after the write that closes it; the readers drop what they find stale.
 */
@Injectable()
export class WorkingSetsRepository implements OnModuleInit {
  private readonly inFlight: OpenSet<{ arrivedAt: Date }>;
  private readonly releases: OpenSet<ReleaseSample>;

  constructor(
    @InjectModel(IN_FLIGHT_SHIPMENT) inFlight: Model<OpenEntryBase>,
    @InjectModel(RECENT_RELEASE) releases: Model<OpenEntryBase>,
  ) {
    this.inFlight = new OpenSet(inFlight);
    this.releases = new OpenSet(releases);
  }

  async onModuleInit(): Promise<void> {
    await this.inFlight.ensureIndexes();
  }

  /** Before the timeline write: the shipment starts (or goes on) flying, or a release is measured. */
  async beforeFold(shipmentId: string, changes: OpenSetChanges): Promise<void> {
    if (changes.flies) await this.inFlight.add(shipmentId, changes.flies);
    if (changes.sample) await this.releases.add(shipmentId, changes.sample);
  }

  /** After the timeline write: a shipment released or withdrawn never flies again. */
  async afterFold(shipmentId: string, changes: OpenSetChanges): Promise<void> {
    if (changes.lands) await this.inFlight.remove(shipmentId);
  }

  /** The shipments in flight, oldest arrival first (entries: some may have landed meanwhile). */
  async inFlightEntries(limit: number): Promise<InFlightShipment[]> {
    return this.inFlight.entries({}, { sort: { arrivedAt: 1, _id: 1 }, limit }) as Promise<
      InFlightShipment[]
    >;
  }

  /** Their timelines say released or withdrawn: for good, so whoever wrote the entries, they go. */
  async landed(shipmentIds: readonly string[]): Promise<void> {
    await this.inFlight.removeMany(shipmentIds);
  }

  /** An entry whose timeline write never came: it goes unless it was written again since it was read. */
  async abandoned(entry: InFlightShipment): Promise<void> {
    await this.inFlight.removeIfUnchanged(entry);
  }

  async flying(shipments: readonly { id: string; arrivedAt: Date }[]): Promise<void> {
    await this.inFlight.addMany(shipments.map(({ id, arrivedAt }) => ({ id, fields: { arrivedAt } })));
  }

  /**
   * The window of the medians: the `limit` latest releases since `since`, exactly as the timelines
   * hold them. What fell out of it (older, or pushed out by newer releases: neither comes back) is
   * removed, so each read costs about the window, whatever the number of timelines.
   */
  async recentReleases(since: Date, limit: number): Promise<RecentRelease[]> {
    // a release measured before any stage finished has no hours: the store may keep no empty object
    const all = ((await this.releases.entries()) as RecentRelease[]).map((r) => ({
      ...r,
      hours: r.hours ?? {},
    }));
    const latestFirst = all
      .filter((r) => new Date(r.releasedAt).getTime() >= since.getTime())
      .sort((a, b) => new Date(b.releasedAt).getTime() - new Date(a.releasedAt).getTime());
    const window = latestFirst.slice(0, limit);
    const kept = new Set(window.map((r) => r._id));
    await this.releases.removeMany(all.filter((r) => !kept.has(r._id)).map((r) => r._id));
    return window;
  }

  async remember(releases: readonly { id: string; sample: ReleaseSample }[]): Promise<void> {
    await this.releases.addMany(releases.map(({ id, sample }) => ({ id, fields: sample })));
  }
}
