import { Injectable } from '@nestjs/common';
import { Clock } from '@tongguan/clock';
import { NotFoundError } from '@tongguan/platform';
import { MonitorUpdates } from '../live/monitor-updates';
import { clearanceMetrics } from '../metrics/clearance-metrics';
import { newMeasurements } from '../metrics/measurements';
import { MonitorConfig } from '../monitor-config';
import { assessShipment } from '../prediction/shipment-assessment';
import { StageTimesService } from '../prediction/stage-times.service';
import {
  applyEvent,
  departureHours,
  dwellHours,
  roundHours,
  STAMPS,
  type FoldedEvent,
  type TimelineFacts,
} from './timeline';
import { TimelineRepository } from './timeline.repository';
import type { Timeline } from './timeline.schema';
import { traderWaitHours } from './trader-waits';

@Injectable()
export class TimelinesService {
  constructor(
    private readonly timelines: TimelineRepository,
    private readonly clock: Clock,
    private readonly config: MonitorConfig,
    private readonly stageTimes: StageTimesService,
    private readonly updates: MonitorUpdates,
  ) {}

  /**
   * Folds an event into its shipment's timeline. A fold that changes nothing (a redelivery, an older
   * duplicate) writes nothing. The write that wins is the one place where newly known durations are
   * observed, so each shipment is measured once.
   */
  async fold(event: FoldedEvent): Promise<boolean> {
    const folded = await this.timelines.fold(event.subject, (facts) => applyEvent(facts, event));
    if (!folded) return false;
    this.observe(folded.before, folded.after);
    this.updates.publish({ kind: 'timeline', shipmentId: event.subject });
    return true;
  }

  private observe(before: TimelineFacts, after: TimelineFacts): void {
    const fresh = newMeasurements(before, after);
    const channel = after.channel ?? 'UNASSESSED';
    if (fresh.clearanceHours !== null) {
      clearanceMetrics.clearanceHours.observe(
        { channel, green_channel: String(after.greenChannel), direction: after.direction ?? 'import' },
        fresh.clearanceHours,
      );
    }
    for (const [stage, hours] of Object.entries(fresh.stageHours)) {
      clearanceMetrics.stageHours.observe({ stage, channel }, hours);
    }
    if (fresh.traderHours !== null) {
      clearanceMetrics.stageHours.observe({ stage: 'trader', channel }, fresh.traderHours);
    }
    const departed = departureHours(after.stamps);
    if (departed !== null && departureHours(before.stamps) === null) {
      clearanceMetrics.departureHours.observe({ channel }, departed);
    }
    for (const incident of (after.loadingIncidents ?? []).slice(before.loadingIncidents?.length ?? 0)) {
      clearanceMetrics.loadingIncidents.inc({ kind: incident.kind });
    }
  }

  async view(shipmentId: string) {
    const timeline = await this.timelines.findById(shipmentId);
    if (!timeline) throw new NotFoundError('shipment', shipmentId);
    return this.present(timeline);
  }

  async present(timeline: Timeline) {
    const nowMs = this.clock.nowMs();
    const { SLA_TARGET_HOURS: target, SLA_AT_RISK_RATIO: ratio } = this.config;
    const assessment = assessShipment(timeline, nowMs, await this.stageTimes.current(), {
      targetHours: target,
      atRiskRatio: ratio,
    });
    return {
      shipmentId: timeline._id,
      declarationId: timeline.declarationId,
      direction: timeline.direction ?? 'import',
      ...Object.fromEntries(STAMPS.map((s) => [s, timeline.stamps[s]])),
      channel: timeline.channel,
      greenChannel: timeline.greenChannel,
      inspectionOutcome: timeline.inspectionOutcome,
      refusedReasons: timeline.refusedReasons,
      withdrawn: timeline.withdrawn,
      clearanceHours: assessment.clearanceHours,
      dwellHours: roundHours(dwellHours(timeline.stamps)),
      // exports: the TRS interval from the goods' arrival at the port (gate-in) to the vessel's departure
      departureHours: roundHours(departureHours(timeline.stamps)),
      loadingIncidents: timeline.loadingIncidents ?? [],
      // the waits for the trader up to the release (or now): the trader's time, in no agency's stage
      traderHours: roundHours(
        traderWaitHours(
          timeline.traderWaits,
          timeline.stamps.released ? Date.parse(timeline.stamps.released) : nowMs,
        ),
      ),
      elapsedHours: assessment.elapsedHours,
      predictedHours: assessment.predictedHours,
      stage: assessment.stage,
      agency: assessment.agency,
      openSteps: assessment.openSteps,
      targetHours: target,
      slaState: assessment.sla,
      asOf: new Date(nowMs).toISOString(),
    };
  }
}
