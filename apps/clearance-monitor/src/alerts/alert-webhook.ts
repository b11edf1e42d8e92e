import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { clearanceMetrics } from '../metrics/clearance-metrics';
import { MonitorConfig } from '../monitor-config';
import { SlaAlert } from './sla-alert.schema';

const BATCH = 20;
const POLL_MS = 500;

/** Real milliseconds to wait before attempt `attempt + 1`: the base, doubled after each failure. */
export function backoffMs(baseMs: number, attempt: number): number {
  return baseMs * 2 ** Math.max(0, attempt - 1);
}

/**
 * POSTs each SLA alert to SLA_ALERT_WEBHOOK_URL as JSON (the CloudEvent in structured mode), on its own
 * loop so a slow or failing receiver never holds up the SLA scan. A failed POST is retried with
 * exponential backoff up to SLA_ALERT_WEBHOOK_ATTEMPTS times, then given up; every outcome is logged
 * and counted. Delivery is at least once: receivers deduplicate on the event id.
 */
@Injectable()
export class AlertWebhook implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertWebhook.name);
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    @InjectModel(SlaAlert.name) private readonly alerts: Model<SlaAlert>,
    private readonly config: MonitorConfig,
  ) {}

  get enabled(): boolean {
    return Boolean(this.config.SLA_ALERT_WEBHOOK_URL);
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.timer = setInterval(() => this.nudge(), POLL_MS);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Delivers what is due now, unless a delivery round is already running. */
  nudge(): void {
    if (!this.enabled || this.running) return;
    this.running = true;
    this.deliverDue()
      .catch((error: unknown) => this.logger.warn(`alert webhook round failed: ${(error as Error).message}`))
      .finally(() => (this.running = false));
  }

  async deliverDue(): Promise<void> {
    // real time, not business time: retries are about the receiver's network, not the clearance clock
    const now = new Date();
    const due = await this.alerts
      .find({ webhookStatus: 'pending', webhookNextAt: { $lte: now } })
      .sort({ webhookNextAt: 1 })
      .limit(BATCH)
      .lean();
    for (const alert of due) await this.deliver(alert);
  }

  private async deliver(alert: SlaAlert): Promise<void> {
    const timeoutMs = this.config.SLA_ALERT_WEBHOOK_TIMEOUT_MS;
    // lease the attempt so another instance polling at the same time leaves this alert alone
    const leased = await this.alerts.updateOne(
      { _id: alert._id, webhookStatus: 'pending', webhookAttempts: alert.webhookAttempts },
      { $set: { webhookNextAt: new Date(Date.now() + timeoutMs + 1000) }, $inc: { webhookAttempts: 1 } },
    );
    if (leased.matchedCount !== 1) return;
    const attempt = alert.webhookAttempts + 1;
    const failure = await this.post(alert.event, timeoutMs);
    if (failure === null) {
      await this.alerts.updateOne(
        { _id: alert._id },
        { $set: { webhookStatus: 'delivered', webhookNextAt: null, webhookLastError: null } },
      );
      clearanceMetrics.webhookDeliveries.inc({ outcome: 'delivered' });
      return;
    }
    const last = attempt >= this.config.SLA_ALERT_WEBHOOK_ATTEMPTS;
    const delay = backoffMs(this.config.SLA_ALERT_WEBHOOK_BACKOFF_MS, attempt);
    await this.alerts.updateOne(
      { _id: alert._id },
      {
        $set: {
          webhookStatus: last ? 'failed' : 'pending',
          webhookNextAt: last ? null : new Date(Date.now() + delay),
          webhookLastError: failure,
        },
      },
    );
    clearanceMetrics.webhookDeliveries.inc({ outcome: last ? 'failed' : 'retry' });
    const what = `alert ${alert._id} to the webhook, attempt ${attempt}: ${failure}`;
    if (last) this.logger.error(`gave up delivering ${what}`);
    else this.logger.warn(`could not deliver ${what}; retrying in ${delay} ms`);
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
