import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { Clock } from '@tongguan/clock';
import { EventFactory, OutboxRelay } from '@tongguan/messaging';
import { InFlightService } from '../in-flight/in-flight.service';
import { MonitorUpdates } from '../live/monitor-updates';
import { clearanceMetrics } from '../metrics/clearance-metrics';
import { MonitorConfig } from '../monitor-config';
import type { Assessment } from '../prediction/shipment-assessment';
import { AGENCIES, type Agency } from '../timelines/shipment-progress';
import { TimelineRepository } from '../timelines/timeline.repository';
import { AlertWebhook } from './alert-webhook';
import { alertDue, type AlertKind } from './sla-alert-rules';
import { SlaAlertRepository } from './sla-alert.repository';

/**
 * Scans the shipments in flight, refreshes the in-flight gauge, and raises ClearanceSlaAtRisk when the
 * predicted completion passes the target (or, as a fallback, the elapsed time reaches the at-risk
 * share) and ClearanceSlaBreached once the target has passed. Each alert is raised once per shipment by
 * inserting its SlaAlert (unique id, event in its outbox, webhook delivery queued): with two instances,
 * or after a restart, the second insert is a duplicate and raises nothing. The timeline then notes the
 * alert, so later scans skip the shipment without asking sla_alerts.
 */
@Injectable()
export class SlaWatcher implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SlaWatcher.name);
  private timer: NodeJS.Timeout | null = null;
  private scanning = false;

  constructor(
    private readonly timelines: TimelineRepository,
    private readonly alerts: SlaAlertRepository,
    private readonly inFlight: InFlightService,
    private readonly clock: Clock,
    private readonly config: MonitorConfig,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
    private readonly webhook: AlertWebhook,
    private readonly updates: MonitorUpdates,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.timelines.outboxModel);
    this.relay.watch(this.alerts.outboxModel);
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
    let raised = 0;
    for (const { timeline, assessment } of shipments) {
      if (assessment.agency) queues.set(assessment.agency, queues.get(assessment.agency)! + 1);
      const kind = alertDue(timeline, assessment);
      if (kind && (await this.raise(kind, timeline._id, assessment))) raised += 1;
    }
    for (const [agency, count] of queues) clearanceMetrics.inFlight.set({ agency }, count);
    if (raised > 0) this.webhook.nudge();
  }

  /** Raises one alert; false when it had been raised already (by another instance or an earlier scan). */
  private async raise(kind: AlertKind, shipmentId: string, assessment: Assessment): Promise<boolean> {
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
    const fresh = await this.alerts.raise(
      {
        _id: `${shipmentId}:${kind}`,
        shipmentId,
        kind,
        raisedAt: this.clock.now(),
        elapsedHours: base.elapsedHours,
        predictedHours: kind === 'at-risk' ? assessment.predictedHours : null,
        targetHours,
        stage: assessment.stage,
        agency: assessment.agency,
        event: { ...event },
        webhookStatus: this.webhook.enabled ? 'pending' : 'none',
        webhookAttempts: 0,
        webhookNextAt: this.webhook.enabled ? new Date() : null,
        webhookLastError: null,
      },
      event,
    );
    // noted whether this instance raised it or not: a crash after the insert is repaired here
    await this.timelines.markAlerted(shipmentId, kind);
    if (!fresh) return false;
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
