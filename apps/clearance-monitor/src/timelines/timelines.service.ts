import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { CloudEvent } from '@tongguan/contracts';
import { Clock } from '@tongguan/clock';
import { NotFoundError } from '@tongguan/platform';
import type { Model } from 'mongoose';
import { MonitorConfig } from '../monitor-config';
import {
  applyEvent,
  clearanceHours,
  dwellHours,
  emptyTimeline,
  roundHours,
  slaState,
  STAMPS,
  type TimelineFacts,
} from './timeline';
import { Timeline } from './timeline.schema';

const MAX_CONFLICT_RETRIES = 10;

@Injectable()
export class TimelinesService {
  constructor(
    @InjectModel(Timeline.name) private readonly timelines: Model<Timeline>,
    private readonly clock: Clock,
    private readonly config: MonitorConfig,
  ) {}

  /** Folds an event into its shipment's timeline (read, apply, compare-and-set on the revision). */
  async fold(event: CloudEvent<Record<string, any>>): Promise<void> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      const current = await this.timelines.findById(event.subject).lean();
      const facts = applyEvent(current ? toFacts(current) : emptyTimeline(event.subject), event);
      const fields = {
        ...facts,
        releasedAt: facts.stamps.released ? new Date(facts.stamps.released) : undefined,
        arrivedAt: facts.stamps.arrival ? new Date(facts.stamps.arrival) : undefined,
      };
      if (!current) {
        try {
          await this.timelines.create({ _id: event.subject, ...fields, revision: 1 });
          return;
        } catch (error) {
          if ((error as { code?: number }).code === 11000) continue; // someone created it first: fold again
          throw error;
        }
      }
      const updated = await this.timelines.updateOne(
        { _id: event.subject, revision: current.revision },
        { $set: { ...fields, revision: current.revision + 1 } },
      );
      if (updated.matchedCount === 1) return; // else another fold won the race: read again
    }
    throw new Error(`timeline ${event.subject}: too many concurrent updates`);
  }

  async importerOf(shipmentId: string): Promise<string | null> {
    return (await this.timelines.findById(shipmentId, { importerId: 1 }).lean())?.importerId ?? null;
  }

  async view(shipmentId: string) {
    const timeline = await this.timelines.findById(shipmentId).lean();
    if (!timeline) throw new NotFoundError('shipment', shipmentId);
    return this.present(timeline);
  }

  present(timeline: Timeline) {
    const nowMs = this.clock.nowMs();
    const { SLA_TARGET_HOURS: target, SLA_AT_RISK_RATIO: ratio } = this.config;
    return {
      shipmentId: timeline._id,
      declarationId: timeline.declarationId,
      ...Object.fromEntries(STAMPS.map((s) => [s, timeline.stamps[s]])),
      channel: timeline.channel,
      greenChannel: timeline.greenChannel,
      inspectionOutcome: timeline.inspectionOutcome,
      refusedReasons: timeline.refusedReasons,
      withdrawn: timeline.withdrawn,
      clearanceHours: roundHours(clearanceHours(timeline.stamps)),
      dwellHours: roundHours(dwellHours(timeline.stamps)),
      targetHours: target,
      slaState: slaState(timeline.stamps, nowMs, target, ratio),
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
  return facts;
}
