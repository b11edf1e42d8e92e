import { HttpStatus, Injectable } from '@nestjs/common';
import { stableEventId } from '@tongguan/messaging';
import { DomainError, NotFoundError } from '@tongguan/platform';
import type { LoggedEvent } from '../event-log/logged-event.schema';
import type { Delivery } from './delivery.schema';
import type { DeliveryPage, ListDeliveriesQuery } from './delivery.dto';
import { toDeliveryView, type DeliveryView } from './delivery.dto';
import { DeliveryRepository, UNLEASED } from './delivery.repository';

export type AttemptOutcome =
  | { delivered: true; status: number }
  | { delivered: false; status: number | null; error: string; retryAt: Date | null };

/** The delivery records: planning, claiming with a lease, recording each attempt, re-driving. */
@Injectable()
export class DeliveriesService {
  constructor(private readonly deliveries: DeliveryRepository) {}

  static idOf(subscriptionId: string, eventId: string): string {
    return stableEventId(`feed-delivery/${subscriptionId}/${eventId}`);
  }

  /** Owes these events to the subscription; planning an event twice leaves one record as it was. */
  async plan(subscriptionId: string, events: readonly LoggedEvent[], now: Date): Promise<void> {
    await this.deliveries.insertMissing(
      events.map((event) => ({
        _id: DeliveriesService.idOf(subscriptionId, event._id),
        subscriptionId,
        eventId: event._id,
        eventType: event.type,
        shipmentId: event.subject,
        seq: event.seq,
        state: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        leaseUntil: UNLEASED,
        leaseToken: null,
        lastAttemptAt: null,
        lastStatus: null,
        lastError: null,
        deliveredAt: null,
        createdAt: now,
      })),
    );
  }

  /** Takes one due delivery for leaseMs; one instance only takes it. */
  async claim(now: Date, leaseMs: number, leaseToken: string): Promise<Delivery | null> {
    return this.deliveries.claim(now, leaseMs, leaseToken);
  }

  /** Records one attempt; a lease taken over meanwhile by another instance wins (nothing is written). */
  async recordAttempt(delivery: Delivery, outcome: AttemptOutcome, at: Date): Promise<void> {
    const common = {
      attempts: delivery.attempts + 1,
      lastAttemptAt: at,
      lastStatus: outcome.status,
      leaseUntil: UNLEASED,
      leaseToken: null,
    };
    await this.deliveries.settle(
      delivery,
      outcome.delivered
        ? { ...common, state: 'delivered', lastError: null, deliveredAt: at }
        : {
            ...common,
            state: outcome.retryAt ? 'pending' : 'dead',
            lastError: outcome.error.slice(0, 500),
            nextAttemptAt: outcome.retryAt ?? at,
          },
    );
  }

  /** The subscription was deactivated, or the event is not for its role: this claimed delivery will not be sent. */
  async cancel(delivery: Delivery, at: Date, reason: string): Promise<void> {
    await this.deliveries.settle(delivery, {
      state: 'cancelled',
      lastAttemptAt: at,
      lastError: reason,
      leaseUntil: UNLEASED,
    });
  }

  async list(subscriptionId: string, query: ListDeliveriesQuery): Promise<DeliveryPage> {
    const { items, total } = await this.deliveries.list(
      subscriptionId,
      query.state,
      query.page,
      query.pageSize,
    );
    return { items: items.map(toDeliveryView), total, page: query.page, pageSize: query.pageSize };
  }

  /** Re-drives a dead delivery: a fresh set of attempts, starting now. */
  async retry(subscriptionId: string, deliveryId: string, now: Date): Promise<DeliveryView> {
    const { current, applied } = await this.deliveries.modify(deliveryId, (delivery) =>
      delivery.subscriptionId === subscriptionId && delivery.state === 'dead'
        ? {
            change: {
              set: {
                state: 'pending',
                attempts: 0,
                nextAttemptAt: now,
                leaseUntil: UNLEASED,
                leaseToken: null,
              },
            },
          }
        : null,
    );
    if (!current || current.subscriptionId !== subscriptionId)
      throw new NotFoundError('delivery', deliveryId);
    if (!applied) {
      throw new DomainError(
        'DELIVERY.NOT_DEAD',
        `delivery ${deliveryId} is ${current.state}; only a dead delivery can be retried`,
        HttpStatus.CONFLICT,
      );
    }
    return toDeliveryView((await this.deliveries.findById(deliveryId)) ?? current);
  }
}
