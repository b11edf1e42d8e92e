import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { CloudEvent } from '@tongguan/contracts';
import { AggregateRepository, type Change, WITHOUT_OUTBOX, type Unsaved } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { PickupBooking } from './pickup-booking.schema';

/** Pickup bookings, by _id (derived from order and quote, so a retried acceptance finds its booking). */
@Injectable()
export class PickupBookingRepository extends AggregateRepository<PickupBooking> {
  constructor(@InjectModel(PickupBooking.name) bookings: Model<PickupBooking>) {
    super(bookings, 'pickup booking');
  }

  /** Stores the booking with PickupBooked; false when a first attempt stored it (nothing is announced twice). */
  async book(booking: Unsaved<PickupBooking>, events: CloudEvent[]) {
    return this.insert(booking, events);
  }

  async findShown(id: string): Promise<PickupBooking | null> {
    return this.findById(id, WITHOUT_OUTBOX);
  }

  /** Cancels with PickupCancelled only if it is still booked: one cancellation announces it. */
  async cancel(id: string, change: Change, events: CloudEvent[]): Promise<boolean> {
    return this.apply({ _id: id, status: 'booked' }, { change, events });
  }
}
