import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateRepository } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { Delivery, type DeliveryState } from './delivery.schema';

/** Lease that no one holds: a claim compares leaseUntil with now, so no $or on a missing field is needed. */
export const UNLEASED = new Date(0);

/** The durable delivery records: by _id, except the claim of due ones and the list for people. */
@Injectable()
export class DeliveryRepository extends AggregateRepository<Delivery> {
  constructor(@InjectModel(Delivery.name) deliveries: Model<Delivery>) {
    super(deliveries, 'delivery');
  }

  /** Inserts the records that are not there yet (by their name-based _id); existing ones stay as they are. */
  async insertMissing(deliveries: Omit<Delivery, 'revision'>[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.model.bulkWrite(
      deliveries.map(({ _id, ...fields }) => ({
        updateOne: {
          filter: { _id },
          update: { $setOnInsert: { ...fields, revision: 1 } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  /**
   * Takes the due delivery that waited longest, for leaseMs. The write is atomic: of instances
   * claiming at once, one takes it. It filters on state and times, so it scans the deliveries.
   */
  async claim(now: Date, leaseMs: number, leaseToken: string): Promise<Delivery | null> {
    return this.model
      .findOneAndUpdate(
        { state: 'pending', nextAttemptAt: { $lte: now }, leaseUntil: { $lte: now } },
        { $set: { leaseUntil: new Date(now.getTime() + leaseMs), leaseToken }, $inc: { revision: 1 } },
        { sort: { nextAttemptAt: 1 }, new: true },
      )
      .lean<Delivery>();
  }

  /** Writes the outcome of a claimed delivery, unless it changed since the claim (its lease was taken over). */
  async settle(claimed: Delivery, set: Partial<Delivery>): Promise<boolean> {
    return this.apply({ _id: claimed._id, revision: claimed.revision ?? null }, { change: { set } });
  }

  /** A subscription's deliveries, newest event first (a person's request: it scans). */
  async list(subscriptionId: string, state: DeliveryState | undefined, page: number, pageSize: number) {
    return this.page({ subscriptionId, ...(state ? { state } : {}) }, { sort: { seq: -1 }, page, pageSize });
  }
}
