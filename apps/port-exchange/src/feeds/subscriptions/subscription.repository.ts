import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateRepository } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { Subscription } from './subscription.schema';

export type PlanningView = Pick<Subscription, '_id' | 'role' | 'party' | 'eventTypes' | 'plannedThrough'>;

/** Loads and saves agency subscriptions, by _id; the lists below scan a small collection. */
@Injectable()
export class SubscriptionRepository extends AggregateRepository<Subscription> {
  constructor(@InjectModel(Subscription.name) subscriptions: Model<Subscription>) {
    super(subscriptions, 'subscription');
  }

  /** For the per-party limit on creation (a person's request: it scans). */
  async countActive(party: string): Promise<number> {
    return this.model.countDocuments({ party, active: true });
  }

  /** A party's subscriptions, newest first (a person's request: it scans). */
  async ofParty(party: string): Promise<Subscription[]> {
    return this.model.find({ party }).sort({ createdAt: -1 }).lean<Subscription[]>();
  }

  /**
   * The active subscriptions, for the dispatcher's every tick. It scans the subscriptions, a few per
   * agency and never the events or deliveries, which grow.
   */
  async active(): Promise<PlanningView[]> {
    return this.model
      .find({ active: true }, { _id: 1, role: 1, party: 1, eventTypes: 1, plannedThrough: 1 })
      .lean<PlanningView[]>();
  }

  /** Moves the planning cursor forward, never back (two instances may plan at once). */
  async markPlanned(id: string, cursor: number): Promise<void> {
    await this.modify(id, (s) =>
      s.plannedThrough >= cursor ? null : { change: { set: { plannedThrough: cursor } } },
    );
  }
}
