import { Injectable } from '@nestjs/common';
import { Clock, HOUR_MS } from '@tongguan/clock';
import { MonitorConfig } from '../monitor-config';
import { assessShipment, type Assessment } from '../prediction/shipment-assessment';
import { StageTimesService } from '../prediction/stage-times.service';
import { AGENCIES, type Agency } from '../timelines/shipment-progress';
import { TimelineRepository, type AssessedTimeline } from '../timelines/timeline.repository';
import { decodeCursor, encodeCursor, type ShipmentListQuery } from './in-flight.query';

/** In-flight shipments read per scan or summary; beyond it the oldest are kept (they matter most). */
export const IN_FLIGHT_READ_LIMIT = 20_000;
/** Documents one list request reads at most while filtering by SLA state (it answers a cursor to go on). */
const LIST_SCAN_LIMIT = 5_000;

@Injectable()
export class InFlightService {
  constructor(
    private readonly timelines: TimelineRepository,
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
    const docs = await this.timelines.inFlight(IN_FLIGHT_READ_LIMIT);
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
    // breached means elapsed past the target, so only shipments that arrived before now − target qualify
    const arrivedBefore =
      state === 'breached'
        ? new Date(this.clock.nowMs() - this.config.SLA_TARGET_HOURS * HOUR_MS)
        : undefined;
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    const spec = {
      released,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      arrivedBefore,
    };
    const assess = await this.assessor();
    const items: ReturnType<typeof item>[] = [];
    let last: AssessedTimeline | null = null;
    let exhausted = true;
    const batch = Math.min(LIST_SCAN_LIMIT, state === 'in-flight' || released ? limit + 1 : 500);
    let read = 0;
    let page = await this.timelines.listPage({
      ...spec,
      after: cursor && { at: new Date(cursor.at), id: cursor.id },
      limit: batch,
    });
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
      page = await this.timelines.listPage({
        ...spec,
        after: { at: last[field]!, id: last._id },
        limit: batch,
      });
    }
    return { items, nextCursor: !exhausted && last ? encodeCursor(last[field]!, last._id) : null };
  }
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
