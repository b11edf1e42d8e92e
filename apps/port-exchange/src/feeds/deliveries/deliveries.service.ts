import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { stableEventId } from '@tongguan/messaging';
import { DomainError, NotFoundError } from '@tongguan/platform';
import type { FilterQuery, Model } from 'mongoose';
import type { LoggedEvent } from '../event-log/logged-event.schema';
import { Delivery } from './delivery.schema';
import type { DeliveryPage, ListDeliveriesQuery } from './delivery.dto';
import { toDeliveryView, type DeliveryView } from './delivery.dto';

/** Lease that no one holds: a claim compares leaseUntil with now, so no $or on a missing field is needed. */
const UNLEASED = new Date(0);

export type AttemptOutcome =
  | { delivered: true; status: number }
  | { delivered: false; status: number | null; error: string; retryAt: Date | null };

/** The durable delivery records: planning, claiming with a lease, recording each attempt, re-driving. */
@Injectable()
export class DeliveriesService {
  constructor(@InjectModel(Delivery.name) private readonly deliveries: Model<Delivery>) {}

  static idOf(subscriptionId: string, eventId: string): string {
    return stableEventId(`feed-delivery/${subscriptionId}/${eventId}`);
  }

  /** Owes these events to the subscription; planning an event twice leaves one record as it was. */
  async plan(subscriptionId: string, events: readonly LoggedEvent[], now: Date): Promise<void> {
    if (events.length === 0) return;
    await this.deliveries.bulkWrite(
      events.map((event) => ({
        updateOne: {
          filter: { _id: DeliveriesService.idOf(subscriptionId, event._id) },
          update: {
            $setOnInsert: {
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
            },
          },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  /**
   * Takes one due delivery for leaseMs. One connection per process makes this exact within an
   * instance; two instances may rarely both take one (FerretDB does not isolate them), which sends it
   * twice: allowed, receivers deduplicate on ce-id.
   */
  async claim(now: Date, leaseMs: number, leaseToken: string): Promise<Delivery | null> {
    return this.deliveries
      .findOneAndUpdate(
        { state: 'pending', nextAttemptAt: { $lte: now }, leaseUntil: { $lte: now } },
        { $set: { leaseUntil: new Date(now.getTime() + leaseMs), leaseToken } },
        { sort: { nextAttemptAt: 1 }, new: true },
      )
      .lean<Delivery>();
  }

  /** Records one attempt; a lease taken over meanwhile by another instance wins (nothing is written). */
  async recordAttempt(delivery: Delivery, outcome: AttemptOutcome, at: Date): Promise<void> {
    const attempts = delivery.attempts + 1;
    const common = {
      attempts,
      lastAttemptAt: at,
      lastStatus: outcome.status,
      leaseUntil: UNLEASED,
      leaseToken: null,
    };
    const update = outcome.delivered
      ? { ...common, state: 'delivered', lastError: null, deliveredAt: at }
      : {
          ...common,
          state: outcome.retryAt ? 'pending' : 'dead',
          lastError: outcome.error.slice(0, 500),
          nextAttemptAt: outcome.retryAt ?? at,
        };
    await this.deliveries.updateOne(
      { _id: delivery._id, state: 'pending', leaseToken: delivery.leaseToken },
      { $set: update },
    );
  }

  /** The subscription was deactivated: its outstanding deliveries will not be sent. */
  async cancel(delivery: Delivery, at: Date): Promise<void> {
    await this.deliveries.updateOne(
      { _id: delivery._id, state: 'pending' },
      {
        $set: {
          state: 'cancelled',
          lastAttemptAt: at,
          lastError: 'subscription deactivated',
          leaseUntil: UNLEASED,
        },
      },
    );
  }

  async list(subscriptionId: string, query: ListDeliveriesQuery): Promise<DeliveryPage> {
    const filter: FilterQuery<Delivery> = { subscriptionId };
    if (query.state) filter.state = query.state;
    const [items, total] = await Promise.all([
      this.deliveries
        .find(filter)
        .sort({ seq: -1 })
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .lean<Delivery[]>(),
      this.deliveries.countDocuments(filter),
    ]);
    return { items: items.map(toDeliveryView), total, page: query.page, pageSize: query.pageSize };
  }

  /** Re-drives a dead delivery: a fresh set of attempts, starting now. */
  async retry(subscriptionId: string, deliveryId: string, now: Date): Promise<DeliveryView> {
    const revived = await this.deliveries
      .findOneAndUpdate(
        { _id: deliveryId, subscriptionId, state: 'dead' },
        {
          $set: {
            state: 'pending',
            attempts: 0,
            nextAttemptAt: now,
            leaseUntil: UNLEASED,
            leaseToken: null,
          },
        },
        { new: true },
      )
      .lean<Delivery>();
    if (revived) return toDeliveryView(revived);
    const existing = await this.deliveries.findOne({ _id: deliveryId, subscriptionId }).lean<Delivery>();
    if (!existing) throw new NotFoundError('delivery', deliveryId);
    throw new DomainError(
      'DELIVERY.NOT_DEAD',
      `delivery ${deliveryId} is ${existing.state}; only a dead delivery can be retried`,
      HttpStatus.CONFLICT,
    );
  }
}
