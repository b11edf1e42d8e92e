import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DomainError } from '@tongguan/platform';
import type { Model } from 'mongoose';
import { isDuplicateKey } from '@tongguan/persistence';
import { PickupSlot } from './pickup-slot.schema';
import { PickupTerminals, type PickupTerminal } from './pickup-terminals';
import { slotHoursOfDay, type SlotHour } from './slot-hours';

export interface SlotDayView {
  terminal: string;
  date: string;
  capacityPerHour: number;
  hours: { slotStart: Date; slotEnd: Date; local: string; booked: number; free: number }[];
}

/**
 * Places in the terminal hours. Safe with several instances and without transactions: a place is
 * taken by one conditional update of the hour's document (below capacity and not yet holding this
 * booking) and given back by one conditional update (still holding it), so an hour is never
 * overbooked and a retried reservation or release counts once. On MongoDB each is atomic; on
 * FerretDB 1.x, which does not isolate writes from different processes, the acceptance asks again
 * (holds) after its next write and gives up a place the document no longer lists.
 */
@Injectable()
export class PickupSlotsService {
  constructor(
    @InjectModel(PickupSlot.name) private readonly slots: Model<PickupSlot>,
    private readonly terminals: PickupTerminals,
  ) {}

  terminal(id: string): PickupTerminal {
    const terminal = this.terminals.find(id);
    if (!terminal) {
      throw new DomainError(
        'TRANSPORT.TERMINAL_UNKNOWN',
        `no pickup terminal ${id}`,
        HttpStatus.UNPROCESSABLE_ENTITY,
        [
          {
            path: 'terminal',
            code: 'TERMINAL_UNKNOWN',
            message: `terminal must be one of ${this.terminals.ids.join(', ')}`,
          },
        ],
      );
    }
    return terminal;
  }

  /** True when the booking holds a place in the hour (now or already before this call). */
  async reserve(terminal: PickupTerminal, slot: SlotHour, bookingId: string): Promise<boolean> {
    const _id = slotId(terminal.id, slot.slotStart);
    await this.slots
      .updateOne(
        { _id },
        { $setOnInsert: { terminal: terminal.id, slotStart: slot.slotStart, booked: 0, bookingIds: [] } },
        { upsert: true },
      )
      .catch((error: unknown) => {
        if (!isDuplicateKey(error)) throw error;
      });
    const taken = await this.slots.updateOne(
      { _id, booked: { $lt: terminal.capacityPerHour }, bookingIds: { $nin: [bookingId] } },
      { $inc: { booked: 1 }, $push: { bookingIds: bookingId } },
    );
    if (taken.modifiedCount === 1) return true;
    return (await this.slots.exists({ _id, bookingIds: bookingId })) !== null;
  }

  /**
   * Whether the hour's document lists the booking. It is the record of who holds a place: FerretDB 1.x
   * does not isolate writes from different processes, so two instances may both pass the capacity
   * condition, and the later whole-document write wins; the booking it does not list lost the race.
   */
  async holds(terminalId: string, slotStart: Date, bookingId: string): Promise<boolean> {
    return (await this.slots.exists({ _id: slotId(terminalId, slotStart), bookingIds: bookingId })) !== null;
  }

  /** Gives the booking's place back; a second call (or one for a booking without a place) changes nothing. */
  async release(terminalId: string, slotStart: Date, bookingId: string): Promise<boolean> {
    const freed = await this.slots.updateOne(
      { _id: slotId(terminalId, slotStart), bookingIds: bookingId },
      { $inc: { booked: -1 }, $pullAll: { bookingIds: [bookingId] } },
    );
    return freed.modifiedCount === 1;
  }

  async day(terminalId: string, date: string): Promise<SlotDayView> {
    const terminal = this.terminal(terminalId);
    const hours = slotHoursOfDay(terminal, date);
    const stored = await this.slots
      .find({ _id: { $in: hours.map((h) => slotId(terminal.id, h.slotStart)) } }, { booked: 1 })
      .lean();
    const booked = new Map(stored.map((s) => [s._id, s.booked]));
    return {
      terminal: terminal.id,
      date,
      capacityPerHour: terminal.capacityPerHour,
      hours: hours.map((hour) => {
        const count = booked.get(slotId(terminal.id, hour.slotStart)) ?? 0;
        return { ...hour, booked: count, free: Math.max(0, terminal.capacityPerHour - count) };
      }),
    };
  }
}

function slotId(terminal: string, slotStart: Date): string {
  return `${terminal}:${slotStart.toISOString()}`;
}
