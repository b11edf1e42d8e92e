import { HttpStatus, Injectable } from '@nestjs/common';
import { DomainError } from '@tongguan/platform';
import { placeGivenBack, reservation } from './pickup-slot-rules';
import type { PickupSlot } from './pickup-slot.schema';
import { PickupSlotRepository, slotId } from './pickup-slot.repository';
import { PickupTerminals, type PickupTerminal } from './pickup-terminals';
import { slotHoursOfDay, type SlotHour } from './slot-hours';

export interface SlotDayView {
  terminal: string;
  date: string;
  capacityPerHour: number;
  hours: { slotStart: Date; slotEnd: Date; local: string; booked: number; free: number }[];
}

/** The terminals' pickup hours: which terminal, and taking and giving back places in an hour. */
@Injectable()
export class PickupSlotsService {
  constructor(
    private readonly slots: PickupSlotRepository,
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

  /**
   * True when the booking holds a place in the hour, taken now or before this call (a resumed
   * acceptance); false when the hour is full. One write, guarded by the revision the decision was
   * made on: of two instances racing for the last place, one takes it and the other reads again.
   */
  async reserve(terminal: PickupTerminal, slot: SlotHour, bookingId: string): Promise<boolean> {
    const id = slotId(terminal.id, slot.slotStart);
    const capacity = terminal.capacityPerHour;
    const take = (hour: PickupSlot) => {
      const decided = reservation(hour, capacity, bookingId);
      return decided.kind === 'take' ? { change: decided.change } : null;
    };
    let { current } = await this.slots.modify(id, take);
    if (!current) {
      // the hour's first booking: open it, then take a place as any other
      await this.slots.open(terminal.id, slot.slotStart);
      ({ current } = await this.slots.modify(id, take));
    }
    return current !== null && reservation(current, capacity, bookingId).kind !== 'full';
  }

  /** Gives the booking's place back; a second call (or one for a booking without a place) changes nothing. */
  async release(terminalId: string, slotStart: Date, bookingId: string): Promise<boolean> {
    const { applied } = await this.slots.modify(slotId(terminalId, slotStart), (hour) => {
      const change = placeGivenBack(hour, bookingId);
      return change && { change };
    });
    return applied;
  }

  async day(terminalId: string, date: string): Promise<SlotDayView> {
    const terminal = this.terminal(terminalId);
    const hours = slotHoursOfDay(terminal, date);
    const booked = await this.slots.bookedIn(hours.map((h) => slotId(terminal.id, h.slotStart)));
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
