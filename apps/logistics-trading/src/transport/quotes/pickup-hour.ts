import type { FieldProblem } from '@tongguan/contracts';
import { isOpenAt, slotHourOf, type SlotHour, type TerminalHours } from '../pickup-slots/slot-hours';

/** Bookings are taken at most this far ahead. */
export const BOOKING_HORIZON_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * The terminal hour a truck will come in, or every reason it cannot be booked: the gate is closed
 * then, the hour is over, it is before the importer's earliest pickup, or too far ahead. Pure.
 */
export function pickupHourFor(
  terminal: TerminalHours,
  pickupAt: Date,
  now: Date,
  earliestPickup?: Date,
): { slot: SlotHour; problems: FieldProblem[] } {
  const slot = slotHourOf(terminal, pickupAt);
  const problems: FieldProblem[] = [];
  const problem = (code: string, message: string) => problems.push({ path: 'pickupAt', code, message });
  if (!isOpenAt(terminal, pickupAt)) {
    problem(
      'TERMINAL_CLOSED',
      `the terminal takes no pickups at ${slot.local} local time (open ${terminal.opensAt}-${terminal.closesAt}, ISO weekdays ${terminal.openWeekdays.join(',')})`,
    );
  }
  if (slot.slotEnd.getTime() <= now.getTime())
    problem('PICKUP_HOUR_PASSED', `the hour ${slot.local} is over`);
  if (earliestPickup && slot.slotEnd.getTime() <= earliestPickup.getTime()) {
    problem('BEFORE_EARLIEST_PICKUP', `the order asks for no pickup before ${earliestPickup.toISOString()}`);
  }
  if (slot.slotStart.getTime() > now.getTime() + BOOKING_HORIZON_DAYS * DAY_MS) {
    problem('TOO_FAR_AHEAD', `pickups are booked at most ${BOOKING_HORIZON_DAYS} days ahead`);
  }
  return { slot, problems };
}
