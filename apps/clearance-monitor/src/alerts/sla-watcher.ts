import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Clock } from '@tongguan/clock';
import { EventFactory, OutboxRelay } from '@tongguan/messaging';
import { type OutboxModel } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { InFlightService, type AssessedTimeline } from '../in-flight/in-flight.service';
import { MonitorUpdates } from '../live/monitor-updates';
import { AGENCIES, type Agency } from '../timelines/shipment-progress';
import { clearanceMetrics } from '../metrics/clearance-metrics';
import { MonitorConfig } from '../monitor-config';
import type { Assessment } from '../prediction/shipment-assessment';
import { Timeline } from '../timelines/timeline.schema';
import { AlertWebhook } from './alert-webhook';
import { SlaAlert, type AlertKind } from './sla-alert.schema';

const DUPLICATE_KEY = 11000;

/**
 * Scans the shipments in flight, refreshes the in-flight gauge, and raises ClearanceSlaAtRisk when the
 * predicted completion passes the target (or, as a fallback, the elapsed time reaches the at-risk
 * share) and ClearanceSlaBreached once the target has passed. Each alert is raised once per shipment by
 * inserting its SlaAlert (unique id, event in its outbox): with two instances, or after a restart, the
 * second insert is a duplicate and raises nothing. Which alerts a shipment has is read from sla_alerts,
 * never written into the timeline: only the fold writes timelines, so no other writer can clobber a
 * stamp on a store (FerretDB) that does not isolate writes between processes.
 */
@Injectable()
export class SlaWatcher implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SlaWatcher.name);
  private timer: NodeJS.Timeout | null = null;
  private scanning = false;

  constructor(
    @InjectModel(Timeline.name) private readonly timelines: Model<Timeline>,
    @InjectModel(SlaAlert.name) private readonly alerts: Model<SlaAlert>,
    private readonly inFlight: InFlightService,
    private readonly clock: Clock,
    private readonly config: MonitorConfig,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
    private readonly webhook: AlertWebhook,
    private readonly updates: MonitorUpdates,
  ) {}

  onModuleInit(): void {
    // timelines may still hold alerts staged by earlier versions, which kept them there
    this.relay.watch(this.timelines as unknown as OutboxModel);
    this.relay.watch(this.alerts as unknown as OutboxModel);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.scanning) return; // a long scan is never overlapped by the next tick
      this.scanning = true;
      this.scan()
        .catch((error: unknown) => this.logger.warn(`SLA scan failed: ${(error as Error).message}`))
        .finally(() => (this.scanning = false));
    }, this.config.SLA_SCAN_MS);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async scan(): Promise<void> {
    const shipments = await this.inFlight.assessAll();
    const queues = new Map<Agency, number>(AGENCIES.map((a) => [a, 0]));
    const candidates = shipments.filter(
      ({ assessment }) => assessment.sla === 'breached' || assessment.atRiskReason,
    );
    const raisedAlready = await this.alertedAmong(candidates.map(({ timeline }) => timeline._id));
    let raised = 0;
    for (const { assessment } of shipments) {
      if (assessment.agency) queues.set(assessment.agency, queues.get(assessment.agency)! + 1);
    }
    for (const { timeline, assessment } of candidates) {
      const has = (kind: AlertKind) => raisedAlready.has(`${timeline._id}:${kind}`);
      if (has('breached')) continue;
      if (assessment.sla === 'breached') {
        if (await this.raise('breached', timeline, assessment)) raised += 1;
      } else if (!has('at-risk') && assessment.atRiskReason) {
        if (await this.raise('at-risk', timeline, assessment)) raised += 1;
      }
    }
    for (const [agency, count] of queues) clearanceMetrics.inFlight.set({ agency }, count);
    if (raised > 0) this.relay.nudge();
  }

  /** The ids of the alerts already raised for these shipments. */
  private async alertedAmong(shipmentIds: string[]): Promise<Set<string>> {
    const ids = new Set<string>();
    for (let i = 0; i < shipmentIds.length; i += 1000) {
      const found = await this.alerts
        .find({ shipmentId: { $in: shipmentIds.slice(i, i + 1000) } }, { _id: 1 })
        .lean();
      for (const alert of found) ids.add(alert._id);
    }
    return ids;
  }

  /** Raises one alert; false when it had been raised already (by another instance or an earlier scan). */
  private async raise(kind: AlertKind, timeline: AssessedTimeline, assessment: Assessment): Promise<boolean> {
    const shipmentId = timeline._id;
    const targetHours = this.config.SLA_TARGET_HOURS;
    const base = {
      shipmentId,
      elapsedHours: assessment.elapsedHours ?? 0,
      targetHours,
      stage: assessment.stage,
    };
    const event =
      kind === 'breached'
        ? this.events.create('ClearanceSlaBreached', base, { decision: `sla-breached:${shipmentId}` })
        : this.events.create(
            'ClearanceSlaAtRisk',
            { ...base, predictedHours: assessment.predictedHours ?? base.elapsedHours },
            { decision: `sla-at-risk:${shipmentId}` },
          );
    const alertId = `${shipmentId}:${kind}`;
    try {
      await this.alerts.create({
        _id: alertId,
        shipmentId,
        kind,
        raisedAt: this.clock.now(),
        elapsedHours: base.elapsedHours,
        predictedHours: kind === 'at-risk' ? assessment.predictedHours : null,
        targetHours,
        stage: assessment.stage,
        agency: assessment.agency,
        event,
        outbox: [event],
        outboxPending: true,
      });
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      return false; // another instance raised it a moment ago
    }
    await this.webhook.enqueue(alertId, event as unknown as Record<string, unknown>);
    if (kind === 'breached') clearanceMetrics.breaches.inc({ stage: assessment.stage });
    else
      clearanceMetrics.atRisk.inc({ stage: assessment.stage, reason: assessment.atRiskReason ?? 'elapsed' });
    this.logger.log(
      `${shipmentId} ${kind}: ${base.elapsedHours} h elapsed${kind === 'at-risk' ? `, ${assessment.predictedHours} h predicted` : ''}, at ${assessment.stage} (${assessment.agency ?? '-'})`,
    );
    this.updates.publish({ kind: 'alert', shipmentId, sla: kind });
    return true;
  }
}
