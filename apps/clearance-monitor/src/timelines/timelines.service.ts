import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { CloudEvent } from '@tongguan/contracts';
import { Clock } from '@tongguan/clock';
import { NotFoundError } from '@tongguan/platform';
import type { Model } from 'mongoose';
import { isDeepStrictEqual } from 'node:util';
import { MonitorUpdates } from '../live/monitor-updates';
import { clearanceMetrics } from '../metrics/clearance-metrics';
import { newMeasurements } from '../metrics/measurements';
import { MonitorConfig } from '../monitor-config';
import { assessShipment } from '../prediction/shipment-assessment';
import { StageTimesService } from '../prediction/stage-times.service';
import { applyEvent, dwellHours, emptyTimeline, roundHours, STAMPS, type TimelineFacts } from './timeline';
import { Timeline } from './timeline.schema';

const MAX_CONFLICT_RETRIES = 10;

@Injectable()
export class TimelinesService {
  constructor(
    @InjectModel(Timeline.name) private readonly timelines: Model<Timeline>,
    private readonly clock: Clock,
    private readonly config: MonitorConfig,
    private readonly stageTimes: StageTimesService,
    private readonly updates: MonitorUpdates,
  ) {}

  /**
   * Folds an event into its shipment's timeline (read, apply, compare-and-set on the revision). A fold
   * that changes nothing (a redelivery, an older duplicate) writes nothing. The write that wins is the
   * one place where newly known durations are observed, so each shipment is measured once.
   */
  async fold(event: CloudEvent<Record<string, any>>): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      const current = await this.timelines.findById(event.subject).lean();
      const before = current ? toFacts(current) : emptyTimeline(event.subject);
      const facts = applyEvent(before, event);
      if (current && isDeepStrictEqual(before, facts)) return false;
      const fields = {
        ...facts,
        releasedAt: facts.stamps.released ? new Date(facts.stamps.released) : undefined,
        arrivedAt: facts.stamps.arrival ? new Date(facts.stamps.arrival) : undefined,
      };
      if (!current) {
        try {
          await this.timelines.create({ _id: event.subject, ...fields, revision: 1 });
        } catch (error) {
          if ((error as { code?: number }).code === 11000) continue; // someone created it first: fold again
          throw error;
        }
      } else {
        const updated = await this.timelines.updateOne(
          { _id: event.subject, revision: current.revision },
          { $set: { ...fields, revision: current.revision + 1 } },
        );
        if (updated.matchedCount !== 1) continue; // another fold won the race: read again
      }
      this.observe(before, facts);
      this.updates.publish({ kind: 'timeline', shipmentId: event.subject });
      return true;
    }
    throw new Error(`timeline ${event.subject}: too many concurrent updates`);
  }

  private observe(before: TimelineFacts, after: TimelineFacts): void {
    const fresh = newMeasurements(before, after);
    const channel = after.channel ?? 'UNASSESSED';
    if (fresh.clearanceHours !== null) {
      clearanceMetrics.clearanceHours.observe(
        { channel, green_channel: String(after.greenChannel) },
        fresh.clearanceHours,
      );
    }
    for (const [stage, hours] of Object.entries(fresh.stageHours)) {
      clearanceMetrics.stageHours.observe({ stage, channel }, hours);
    }
  }

  async importerOf(shipmentId: string): Promise<string | null> {
    return (await this.timelines.findById(shipmentId, { importerId: 1 }).lean())?.importerId ?? null;
  }

  async view(shipmentId: string) {
    const timeline = await this.timelines.findById(shipmentId).lean();
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
      ...Object.fromEntries(STAMPS.map((s) => [s, timeline.stamps[s]])),
      channel: timeline.channel,
      greenChannel: timeline.greenChannel,
      inspectionOutcome: timeline.inspectionOutcome,
      refusedReasons: timeline.refusedReasons,
      withdrawn: timeline.withdrawn,
      clearanceHours: assessment.clearanceHours,
      dwellHours: roundHours(dwellHours(timeline.stamps)),
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

/** The folded facts of a stored timeline (its schema's extra fields, like revision and alerts, left out). */
function toFacts(doc: Timeline): TimelineFacts {
  const facts = emptyTimeline(doc._id);
  for (const key of Object.keys(facts) as (keyof TimelineFacts)[]) {
    if (doc[key] !== undefined) (facts as unknown as Record<string, unknown>)[key] = doc[key];
  }
  facts.stamps = { ...emptyTimeline(doc._id).stamps, ...doc.stamps };
  return facts;
}
