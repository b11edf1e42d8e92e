import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Clock, HOUR_MS } from '@tongguan/clock';
import { EventFactory, OutboxRelay, stageEvents, withState, type OutboxModel } from '@tongguan/messaging';
import type { Model } from 'mongoose';
import { MonitorConfig } from '../monitor-config';
import { roundHours, STAMPS, type Stamps } from '../timelines/timeline';
import { Timeline } from '../timelines/timeline.schema';

/**
 * Scans shipments in flight (arrived, not released) and raises ClearanceSlaAtRisk once the elapsed
 * time crosses the at-risk share of the target and ClearanceSlaBreached once it crosses the target.
 * Each alert is a conditional update with its event staged, so it fires once even with two instances.
 */
@Injectable()
export class SlaWatcher implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SlaWatcher.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectModel(Timeline.name) private readonly timelines: Model<Timeline>,
    private readonly clock: Clock,
    private readonly config: MonitorConfig,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.timelines as unknown as OutboxModel);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.scan().catch((error: unknown) => this.logger.warn(`SLA scan failed: ${(error as Error).message}`));
    }, this.config.SLA_SCAN_MS);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async scan(): Promise<void> {
    const nowMs = this.clock.nowMs();
    const target = this.config.SLA_TARGET_HOURS;
    const atRiskFrom = new Date(nowMs - target * this.config.SLA_AT_RISK_RATIO * HOUR_MS);
    const inFlight = await this.timelines
      .find(
        {
          arrivedAt: { $lte: atRiskFrom },
          releasedAt: { $exists: false },
          withdrawn: { $ne: true },
          breachAlerted: false,
        },
        { stamps: 1, atRiskAlerted: 1 },
      )
      .limit(500)
      .lean();
    for (const timeline of inFlight) {
      const elapsedHours = (nowMs - Date.parse(timeline.stamps.arrival!)) / HOUR_MS;
      const stage = currentStage(timeline.stamps);
      const base = {
        shipmentId: timeline._id,
        elapsedHours: roundHours(elapsedHours),
        targetHours: target,
        stage,
      };
      if (elapsedHours > target) {
        const breached = this.events.create('ClearanceSlaBreached', base);
        await this.timelines.updateOne(
          { _id: timeline._id, breachAlerted: false },
          withState(stageEvents([breached]), { breachAlerted: true, atRiskAlerted: true }),
        );
      } else if (!timeline.atRiskAlerted) {
        // a plain projection for now: elapsed so far plus the target's remaining share of the stage ahead
        const predictedHours = roundHours(
          Math.max(elapsedHours, target * this.config.SLA_AT_RISK_RATIO) / this.config.SLA_AT_RISK_RATIO,
        );
        const atRisk = this.events.create('ClearanceSlaAtRisk', { ...base, predictedHours });
        await this.timelines.updateOne(
          { _id: timeline._id, atRiskAlerted: false },
          withState(stageEvents([atRisk]), { atRiskAlerted: true }),
        );
      }
    }
    if (inFlight.length > 0) this.relay.nudge();
  }
}

/** The stage holding the shipment now: the first TRS stamp still missing. */
function currentStage(stamps: Stamps): string {
  return STAMPS.find((s) => stamps[s] === null && s !== 'inspected') ?? 'released';
}
