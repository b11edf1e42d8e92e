import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { CloudEvent } from '@tongguan/contracts';
import { AggregateRepository, type Change, type OutboxModel } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { PickupBooking } from './pickup-booking.schema';

const HIDDEN = { outbox: 0, outboxPending: 0 } as const;

/** Pickup bookings, by _id (derived from order and quote, so a retried acceptance finds its booking). */
@Injectable()
export class PickupBookingRepository extends AggregateRepository<PickupBooking> {
  constructor(@InjectModel(PickupBooking.name) bookings: Model<PickupBooking>) {
    super(bookings, 'pickup booking');
  }

  /** The outbox relay watches this model. */
  get outboxModel(): OutboxModel {
    return this.model as unknown as OutboxModel;
  }

  /** Stores the booking with PickupBooked; false when a first attempt stored it (nothing is announced twice). */
  async book(booking: Omit<PickupBooking, 'revision' | 'outbox' | 'outboxPending'>, events: CloudEvent[]) {
    return this.insert(booking, events);
  }

  async findShown(id: string): Promise<PickupBooking | null> {
    return this.findById(id, HIDDEN);
  }

  /** Cancels with PickupCancelled only if it is still booked: one cancellation announces it. */
  async cancel(id: string, change: Change, events: CloudEvent[]): Promise<boolean> {
    return this.apply({ _id: id, status: 'booked' }, { change, events });
  }
}
