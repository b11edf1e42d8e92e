import { PeriodicJob } from '@tongguan/platform';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EventLogRepository } from '../event-log/event-log.repository';
import { toStructuredCloudEvent } from '../event-log/structured-cloud-event';
import { FeedAudience } from '../scopes/feed-audience';
import { FeedsConfig } from '../feeds-config';
import { feedsMetrics } from '../feeds-metrics';
import { signingSecrets } from '../signing/signing-secrets';
import { SubscriptionRepository } from '../subscriptions/subscription.repository';
import { retryDelayMs } from './backoff';
import { DeliveriesService } from './deliveries.service';
import type { Delivery } from './delivery.schema';
import { DeliveryPlanner } from './delivery-planner';
import { WebhookSender } from './webhook-sender';

/**
 * The webhook loop of one instance: plans deliveries for newly logged events, claims due ones with a
 * lease and sends up to FEED_DISPATCH_CONCURRENCY at a time. Every state lives in Mongo, so a restart
 * (or another instance) carries on where this one stopped. Retry timing uses the wall clock, not the
 * business clock: it paces HTTP traffic to a receiver, it is not a business deadline.
 */
@Injectable()
export class DeliveryDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryDispatcher.name);
  private readonly loop: PeriodicJob;
  private readonly inFlight = new Set<Promise<void>>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly planner: DeliveryPlanner,
    private readonly deliveries: DeliveriesService,
    private readonly log: EventLogRepository,
    private readonly sender: WebhookSender,
    private readonly config: FeedsConfig,
    private readonly audience: FeedAudience,
  ) {
    this.loop = new PeriodicJob(
      'webhook dispatcher',
      async () => {
        await this.tick();
        return config.FEED_POLL_MS;
      },
      config.FEED_POLL_MS,
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    this.unsubscribe = this.log.onAppended(() => this.loop.wake());
    this.loop.start();
  }

  /** Before the database connection closes, so the attempts in flight are recorded. */
  async beforeApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    await this.loop.stop();
    await Promise.allSettled([...this.inFlight]);
  }

  /** Looks for work now (e.g. after a dead delivery was re-driven). */
  wake(): void {
    this.loop.wake();
  }

  private async tick(): Promise<void> {
    await this.planner.planAll(new Date());
    while (this.inFlight.size < this.config.FEED_DISPATCH_CONCURRENCY) {
      const delivery = await this.deliveries.claim(new Date(), this.config.FEED_LEASE_MS, randomUUID());
      if (!delivery) break;
      const sending = this.attempt(delivery)
        .catch((error: unknown) =>
          // the lease runs out and the delivery is claimed again
          this.logger.warn(
            `delivery ${delivery._id} not recorded: ${(error as Error)?.message ?? String(error)}`,
          ),
        )
        .finally(() => {
          this.inFlight.delete(sending);
          this.loop.wake();
        });
      this.inFlight.add(sending);
    }
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const subscription = await this.subscriptions.findById(delivery.subscriptionId);
    if (!subscription?.active)
      return this.deliveries.cancel(delivery, new Date(), 'subscription deactivated');
    const logged = await this.log.byId(delivery.eventId);
    if (!logged) throw new Error(`event ${delivery.eventId} is not in the log`);
    // the scope is applied again here: records planned before it existed (or before a scope change) obey it too
    const event = this.audience.admits(subscription, logged)
      ? this.audience.project(subscription, logged)
      : null;
    if (!event)
      return this.deliveries.cancel(delivery, new Date(), `not in the feed of role ${subscription.role}`);
    const stopTimer = feedsMetrics.attemptSeconds.startTimer();
    const result = await this.sender.send(
      subscription.url,
      toStructuredCloudEvent(event),
      event.seq,
      signingSecrets(subscription, new Date()),
    );
    stopTimer();
    const at = new Date();
    if (result.ok) {
      feedsMetrics.attempts.inc({ outcome: 'delivered' });
      await this.deliveries.recordAttempt(delivery, { delivered: true, status: result.status }, at);
      return;
    }
    const attempts = delivery.attempts + 1;
    const retryAt =
      attempts >= this.config.FEED_MAX_ATTEMPTS
        ? null
        : new Date(
            at.getTime() +
              retryDelayMs(attempts, {
                baseMs: this.config.FEED_BACKOFF_BASE_MS,
                capMs: this.config.FEED_BACKOFF_CAP_MS,
                jitter: this.config.FEED_BACKOFF_JITTER,
              }),
          );
    feedsMetrics.attempts.inc({ outcome: retryAt ? 'failed' : 'dead' });
    if (!retryAt) {
      this.logger.warn(
        `delivery ${delivery._id} to ${subscription.url} dead after ${attempts} attempts: ${result.detail}`,
      );
    } else this.logger.debug(`delivery ${delivery._id} attempt ${attempts} failed: ${result.detail}`);
    await this.deliveries.recordAttempt(
      delivery,
      { delivered: false, status: result.status, error: result.error, retryAt },
      at,
    );
  }
}
