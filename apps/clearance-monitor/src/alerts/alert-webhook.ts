import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { clearanceMetrics } from '../metrics/clearance-metrics';
import { MonitorConfig } from '../monitor-config';
import { AlertDelivery, WebhookAttempt } from './sla-alert.schema';

const BATCH = 20;
const POLL_MS = 500;
const DUPLICATE_KEY = 11000;
/** Extra real time an attempt's lease holds beyond the POST timeout. */
const LEASE_MARGIN_MS = 1000;
/** An attempt claimed this long (beyond the timeout) ago with no outcome was lost with its instance. */
const ABANDONED_AFTER_MS = 60_000;

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
  private round: Promise<void> | null = null;

  constructor(
    @InjectModel(AlertDelivery.name) private readonly deliveries: Model<AlertDelivery>,
    @InjectModel(WebhookAttempt.name) private readonly attempts: Model<WebhookAttempt>,
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

  /** Queues an alert for the webhook once (a second call for the same alert changes nothing). */
  async enqueue(alertId: string, event: Record<string, unknown>): Promise<void> {
    if (!this.enabled) return;
    try {
      await this.deliveries.create({
        _id: alertId,
        event,
        status: 'pending',
        attempts: 0,
        nextAt: new Date(),
      });
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
    this.nudge();
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
    const now = new Date();
    const due = await this.deliveries
      .find({ status: 'pending', nextAt: { $lte: now } })
      .sort({ nextAt: 1 })
      .limit(BATCH)
      .lean();
    for (const alert of due) await this.deliver(alert);
  }

  private async deliver(delivery: AlertDelivery): Promise<void> {
    const timeoutMs = this.config.SLA_ALERT_WEBHOOK_TIMEOUT_MS;
    const attempt = delivery.attempts + 1;
    if (!(await this.claim(delivery, attempt))) return;
    await this.deliveries.updateOne(
      { _id: delivery._id },
      {
        $set: { attempts: attempt, nextAt: new Date(Date.now() + timeoutMs + LEASE_MARGIN_MS) },
      },
    );
    const failure = await this.post(delivery.event, timeoutMs);
    if (failure === null) {
      await this.deliveries.updateOne(
        { _id: delivery._id },
        { $set: { status: 'delivered', nextAt: null, lastError: null } },
      );
      clearanceMetrics.webhookDeliveries.inc({ outcome: 'delivered' });
      return;
    }
    const last = attempt >= this.config.SLA_ALERT_WEBHOOK_ATTEMPTS;
    const delay = backoffMs(this.config.SLA_ALERT_WEBHOOK_BACKOFF_MS, attempt);
    await this.deliveries.updateOne(
      { _id: delivery._id },
      {
        $set: {
          status: last ? 'failed' : 'pending',
          nextAt: last ? null : new Date(Date.now() + delay),
          lastError: failure,
        },
      },
    );
    clearanceMetrics.webhookDeliveries.inc({ outcome: last ? 'failed' : 'retry' });
    const what = `alert ${delivery._id} to the webhook, attempt ${attempt}: ${failure}`;
    if (last) this.logger.error(`gave up delivering ${what}`);
    else this.logger.warn(`could not deliver ${what}; retrying in ${delay} ms`);
  }

  /**
   * Claims one attempt for this instance. An attempt claimed by an instance that died before recording
   * its outcome is counted as failed once its lease has long expired, so the next round goes on.
   */
  private async claim(delivery: AlertDelivery, attempt: number): Promise<boolean> {
    const id = `${delivery._id}#${attempt}`;
    try {
      await this.attempts.create({ _id: id, at: new Date() });
      return true;
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
    const claimed = await this.attempts.findById(id).lean();
    const abandonedBefore = Date.now() - this.config.SLA_ALERT_WEBHOOK_TIMEOUT_MS - ABANDONED_AFTER_MS;
    if (claimed && claimed.at.getTime() < abandonedBefore) {
      await this.deliveries.updateOne(
        { _id: delivery._id, status: 'pending', attempts: delivery.attempts },
        { $set: { attempts: attempt, lastError: 'abandoned by a stopped instance' } },
      );
    }
    return false;
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
