import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { clearanceMetrics } from '../metrics/clearance-metrics';
import { MonitorConfig } from '../monitor-config';
import { afterAttempt, backoffMs } from './sla-alert-rules';
import { SlaAlertRepository } from './sla-alert.repository';
import type { SlaAlert } from './sla-alert.schema';

const BATCH = 20;
const POLL_MS = 500;
/** Extra real time an attempt's lease holds beyond the POST timeout. */
const LEASE_MARGIN_MS = 1000;

/**
 * POSTs each SLA alert to SLA_ALERT_WEBHOOK_URL as JSON (the CloudEvent in structured mode), on its own
 * loop so a slow or failing receiver never holds up the SLA scan. A failed POST is retried with
 * exponential backoff up to SLA_ALERT_WEBHOOK_ATTEMPTS times, then given up; every outcome is logged
 * and counted. Each attempt is claimed by one instance (see SlaAlertRepository.claimAttempt); delivery
 * is at least once (an instance that stops mid-POST leaves its attempt to be retried): receivers
 * deduplicate on the event id.
 */
@Injectable()
export class AlertWebhook implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertWebhook.name);
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;

  constructor(
    private readonly alerts: SlaAlertRepository,
    private readonly config: MonitorConfig,
  ) {}

  get enabled(): boolean {
    return Boolean(this.config.SLA_ALERT_WEBHOOK_URL);
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.timer = setInterval(() => this.nudge(), POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.round;
  }

  /** Delivers what is due now, unless a delivery round is already running. */
  nudge(): void {
    if (!this.enabled || this.round) return;
    this.round = this.deliverDue()
      .catch((error: unknown) => this.logger.warn(`alert webhook round failed: ${(error as Error).message}`))
      .finally(() => (this.round = null));
  }

  async deliverDue(): Promise<void> {
    // real time, not business time: retries are about the receiver's network, not the clearance clock
    const due = await this.alerts.dueForWebhook(new Date(), BATCH);
    for (const alert of due) await this.deliver(alert);
  }

  private async deliver(alert: SlaAlert): Promise<void> {
    const timeoutMs = this.config.SLA_ALERT_WEBHOOK_TIMEOUT_MS;
    const attempt = alert.webhookAttempts + 1;
    if (!(await this.alerts.claimAttempt(alert, new Date(Date.now() + timeoutMs + LEASE_MARGIN_MS)))) return;
    const failure = await this.post(alert.event, timeoutMs);
    const policy = {
      attempts: this.config.SLA_ALERT_WEBHOOK_ATTEMPTS,
      backoffMs: this.config.SLA_ALERT_WEBHOOK_BACKOFF_MS,
    };
    const outcome = afterAttempt(attempt, failure, policy, Date.now());
    await this.alerts.recordAttempt(alert._id, attempt, outcome);
    if (outcome.webhookStatus === 'delivered') {
      clearanceMetrics.webhookDeliveries.inc({ outcome: 'delivered' });
      return;
    }
    const last = outcome.webhookStatus === 'failed';
    clearanceMetrics.webhookDeliveries.inc({ outcome: last ? 'failed' : 'retry' });
    const what = `alert ${alert._id} to the webhook, attempt ${attempt}: ${failure}`;
    if (last) this.logger.error(`gave up delivering ${what}`);
    else
      this.logger.warn(`could not deliver ${what}; retrying in ${backoffMs(policy.backoffMs, attempt)} ms`);
  }

  /** One POST; null when the receiver took it (2xx), else what went wrong. */
  private async post(event: Record<string, unknown>, timeoutMs: number): Promise<string | null> {
    const { payload, correlationId, causationId, ...meta } = event as Record<string, unknown> & {
      payload: unknown;
    };
    const body = {
      specversion: '1.0',
      ...meta,
      correlationid: correlationId,
      causationid: causationId,
      datacontenttype: 'application/json',
      data: payload,
    };
    try {
      const response = await fetch(this.config.SLA_ALERT_WEBHOOK_URL!, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      return response.ok ? null : `HTTP ${response.status}`;
    } catch (error) {
      return (error as Error).message;
    }
  }
}
