import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateRepository } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { PickupSlot } from './pickup-slot.schema';

/** The document of one terminal hour: `${terminal}:${slotStart ISO}`. */
export function slotId(terminal: string, slotStart: Date): string {
  return `${terminal}:${slotStart.toISOString()}`;
}

/** Terminal hours, by _id; places are taken and given back through `modify` (see pickup-slot-rules). */
@Injectable()
export class PickupSlotRepository extends AggregateRepository<PickupSlot> {
  constructor(@InjectModel(PickupSlot.name) slots: Model<PickupSlot>) {
    super(slots, 'pickup slot');
  }

  /** Opens the hour with nothing booked, unless it is open already. */
  async open(terminal: string, slotStart: Date): Promise<void> {
    await this.insert({ _id: slotId(terminal, slotStart), terminal, slotStart, booked: 0, bookingIds: [] });
  }

  /** How many places are taken in these hours (a day's view for people: an $in on _id). */
  async bookedIn(ids: string[]): Promise<Map<string, number>> {
    const stored = await this.model.find({ _id: { $in: ids } }, { booked: 1 }).lean();
    return new Map(stored.map((s) => [s._id, s.booked]));
  }
}
