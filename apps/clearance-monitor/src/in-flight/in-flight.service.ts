import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Clock, HOUR_MS } from '@tongguan/clock';
import type { FilterQuery, Model } from 'mongoose';
import { MonitorConfig } from '../monitor-config';
import { assessShipment, type Assessment } from '../prediction/shipment-assessment';
import { StageTimesService } from '../prediction/stage-times.service';
import { AGENCIES, type Agency } from '../timelines/shipment-progress';
import { Timeline } from '../timelines/timeline.schema';
import { decodeCursor, encodeCursor, type ShipmentListQuery } from './in-flight.query';

/** In-flight shipments read per scan or summary; beyond it the oldest are kept (they matter most). */
export const IN_FLIGHT_READ_LIMIT = 20_000;
/** Documents one list request reads at most while filtering by SLA state (it answers a cursor to go on). */
const LIST_SCAN_LIMIT = 5_000;

const PROJECTION = {
  stamps: 1,
  channel: 1,
  greenChannel: 1,
  withdrawn: 1,
  arrivedAt: 1,
  releasedAt: 1,
} as const;

export type AssessedTimeline = Pick<Timeline, keyof typeof PROJECTION | '_id'>;

/** Arrived, not released, not withdrawn: the clearance clock is running. */
export const IN_FLIGHT: FilterQuery<Timeline> = {
  arrivedAt: { $exists: true },
  releasedAt: { $exists: false },
  withdrawn: { $ne: true },
};

@Injectable()
export class InFlightService {
  constructor(
    @InjectModel(Timeline.name) private readonly timelines: Model<Timeline>,
    private readonly clock: Clock,
    private readonly config: MonitorConfig,
    private readonly stageTimes: StageTimesService,
  ) {}

  private async assessor() {
    const nowMs = this.clock.nowMs();
    const times = await this.stageTimes.current();
    const sla = { targetHours: this.config.SLA_TARGET_HOURS, atRiskRatio: this.config.SLA_AT_RISK_RATIO };
    return (timeline: AssessedTimeline) => assessShipment(timeline, nowMs, times, sla);
  }

  /** Every shipment in flight (oldest first), assessed now. */
  async assessAll(): Promise<{ timeline: AssessedTimeline; assessment: Assessment }[]> {
    const assess = await this.assessor();
    const docs = await this.timelines
      .find(IN_FLIGHT, PROJECTION)
      .sort({ arrivedAt: 1, _id: 1 })
      .limit(IN_FLIGHT_READ_LIMIT)
      .lean();
    return docs.map((timeline) => ({ timeline, assessment: assess(timeline) }));
  }

  async summary() {
    const all = await this.assessAll();
    const queues = Object.fromEntries(AGENCIES.map((agency) => [agency, 0])) as Record<Agency, number>;
    for (const { assessment } of all) if (assessment.agency) queues[assessment.agency] += 1;
    return {
      count: all.length,
      atRisk: all.filter((s) => s.assessment.sla === 'at-risk').length,
      breached: all.filter((s) => s.assessment.sla === 'breached').length,
      targetHours: this.config.SLA_TARGET_HOURS,
      queues,
      oldest: all.slice(0, 10).map(({ timeline, assessment }) => item(timeline, assessment)),
      asOf: this.clock.now().toISOString(),
    };
  }

  /**
   * A page of shipments in one state. In flight (and at-risk, breached) are ordered by arrival, oldest
   * first, and from/to bound the arrival; released are ordered by release, latest first, and from/to
   * bound the release. The cursor names the last shipment read.
   */
  async list(query: ShipmentListQuery) {
    const state = query.state ?? 'in-flight';
    const limit = query.limit ?? 50;
    const released = state === 'released';
    const field = released ? 'releasedAt' : 'arrivedAt';
    const direction = released ? -1 : 1;
    const range: Record<string, Date> = {};
    if (query.from) range.$gte = new Date(query.from);
    if (query.to) range.$lt = new Date(query.to);
    const filter: FilterQuery<Timeline> = released
      ? { releasedAt: { $exists: true, ...range } }
      : { ...IN_FLIGHT, arrivedAt: { $exists: true, ...range } };
    if (state === 'breached') {
      // breached means elapsed past the target, so only shipments that arrived before now − target qualify
      const latestArrival = new Date(this.clock.nowMs() - this.config.SLA_TARGET_HOURS * HOUR_MS);
      const before = range.$lt && range.$lt < latestArrival ? range.$lt : latestArrival;
      filter.arrivedAt = { ...range, $lt: before };
    }
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    if (cursor) {
      const after = direction === 1 ? '$gt' : '$lt';
      filter.$and = [
        {
          $or: [
            { [field]: { [after]: new Date(cursor.at) } },
            { [field]: new Date(cursor.at), _id: { [after]: cursor.id } },
          ],
        },
      ];
    }
    const assess = await this.assessor();
    const items: ReturnType<typeof item>[] = [];
    let last: AssessedTimeline | null = null;
    let exhausted = true;
    const batch = Math.min(LIST_SCAN_LIMIT, state === 'in-flight' || released ? limit + 1 : 500);
    let read = 0;
    let page = await this.page(filter, field, direction, batch);
    for (;;) {
      for (const timeline of page) {
        if (items.length === limit || read === LIST_SCAN_LIMIT) {
          exhausted = false;
          break;
        }
        read += 1;
        last = timeline;
        const assessment = assess(timeline);
        if (state === 'in-flight' || released || assessment.sla === state)
          items.push(item(timeline, assessment));
      }
      if (!exhausted || page.length < batch || !last) break;
      page = await this.page(
        { ...filter, $and: [...(filter.$and ?? []), afterDoc(last, field, direction)] },
        field,
        direction,
        batch,
      );
    }
    return { items, nextCursor: !exhausted && last ? encodeCursor(last[field]!, last._id) : null };
  }

  private page(filter: FilterQuery<Timeline>, field: string, direction: 1 | -1, limit: number) {
    return this.timelines
      .find(filter, PROJECTION)
      .sort({ [field]: direction, _id: direction })
      .limit(limit)
      .lean<AssessedTimeline[]>();
  }
}

function afterDoc(doc: AssessedTimeline, field: 'arrivedAt' | 'releasedAt', direction: 1 | -1) {
  const after = direction === 1 ? '$gt' : '$lt';
  return {
    $or: [{ [field]: { [after]: doc[field] } }, { [field]: doc[field], _id: { [after]: doc._id } }],
  };
}

/** One shipment as the list, the summary and the dashboard show it. */
export function item(timeline: AssessedTimeline, assessment: Assessment) {
  return {
    shipmentId: timeline._id,
    channel: timeline.channel,
    greenChannel: timeline.greenChannel,
    arrival: timeline.stamps.arrival,
    released: timeline.stamps.released,
    gateOut: timeline.stamps.gateOut,
    clearanceHours: assessment.clearanceHours,
    elapsedHours: assessment.elapsedHours,
    sla: assessment.sla,
    stage: assessment.stage,
    agency: assessment.agency,
    predictedHours: assessment.predictedHours,
  };
}
