import { HttpStatus } from '@nestjs/common';
import type { Principal } from '@tongguan/auth';
import type { Change } from '@tongguan/persistence';
import { DomainError } from '@tongguan/platform';
import { bookedBy } from '../orders/transport-order-rules';
import type { TransportOrder } from '../orders/transport-order.schema';
import { isOpenAt, type SlotHour } from '../pickup-slots/slot-hours';
import type { PickupTerminal } from '../pickup-slots/pickup-terminals';
import type { TransportQuote } from '../quotes/transport-quote.schema';
import type { PickupBooking } from './pickup-booking.schema';

/**
 * The pickup booking's rules: when a quote may be accepted, who sees a booking and how it is cancelled.
 * Pure; whether the hour has a free place is decided by the hour's own conditional write.
 */

export interface Acceptance {
  order: Pick<TransportOrder, '_id' | 'status' | 'bookingId'>;
  quote: Pick<TransportQuote, '_id' | 'status'>;
  bookingId: string;
  terminal: PickupTerminal;
  slot: SlotHour;
  now: Date;
}

/**
 * Why the quote cannot be accepted, or null. An acceptance that booked the order before and stopped
 * is resumed whatever the time: it only completes what was decided then.
 */
export function acceptanceRefusal({ order, quote, bookingId, terminal, slot, now }: Acceptance) {
  if (bookedBy(order, bookingId)) return null;
  if (order.status !== 'open') {
    return conflict('TRANSPORT.ORDER_NOT_OPEN', `transport order ${order._id} is ${order.status}`);
  }
  if (quote.status !== 'submitted') {
    return conflict('TRANSPORT.QUOTE_NOT_OPEN', `quote ${quote._id} is ${quote.status}`);
  }
  if (slot.slotEnd.getTime() <= now.getTime()) {
    return conflict('TRANSPORT.PICKUP_HOUR_PASSED', `the quoted hour ${slot.local} is over`);
  }
  if (!isOpenAt(terminal, slot.slotStart)) {
    return conflict('TRANSPORT.TERMINAL_CLOSED', `${terminal.id} takes no pickups at ${slot.local}`);
  }
  return null;
}

export function slotFull(terminal: PickupTerminal, slot: SlotHour): DomainError {
  return new DomainError(
    'SLOT_FULL',
    `${terminal.id} has no free pickup place at ${slot.local} local time (${terminal.capacityPerHour} an hour)`,
    HttpStatus.CONFLICT,
    [{ path: 'pickupAt', code: 'SLOT_FULL', message: `the hour ${slot.local} is fully booked` }],
  );
}

/** An importer sees its own bookings, a carrier those of its trucks; the port and ops every one. */
export function visibleTo(booking: Pick<PickupBooking, 'importerId' | 'carrierId'>, caller: Principal) {
  if (caller.role === 'importer') return booking.importerId === caller.party;
  if (caller.role === 'carrier') return booking.carrierId === caller.party;
  return true;
}

/** Cancelling a booked pickup, once: a cancelled booking stays as it was cancelled. */
export function cancellation(
  booking: Pick<PickupBooking, 'status'>,
  by: string,
  reason: string,
  at: Date,
): Change | null {
  if (booking.status !== 'booked') return null;
  return { set: { status: 'cancelled', cancelledAt: at, cancelledBy: by, cancelReason: reason } };
}

export function conflict(code: string, message: string): DomainError {
  return new DomainError(code, message, HttpStatus.CONFLICT);
}
