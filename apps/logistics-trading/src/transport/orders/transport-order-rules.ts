import { HttpStatus } from '@nestjs/common';
import type { Principal } from '@tongguan/auth';
import type { Change } from '@tongguan/persistence';
import { DomainError } from '@tongguan/platform';
import type { OrderStatus, TransportOrder } from './transport-order.schema';

/**
 * The transport order's rules: who sees it, when it takes quotes, how accepting a quote books it and
 * how cancelling the booking ends it. Pure; the services store what these return in guarded writes.
 */

export interface OrderBooking {
  bookingId: string;
  quoteId: string;
  carrierId: string;
}

/** An importer sees its own orders; a carrier the open ones and those booked with it; ops every one. */
export function visibleTo(
  order: Pick<TransportOrder, 'importerId' | 'status' | 'carrierId'>,
  caller: Principal,
) {
  if (caller.role === 'importer') return order.importerId === caller.party;
  if (caller.role === 'carrier') return order.status === 'open' || order.carrierId === caller.party;
  return true;
}

/** Why the order takes no more quotes (nor acceptances), or null while it is open. */
export function notOpen(orderId: string, status: OrderStatus): DomainError | null {
  if (status === 'open') return null;
  return new DomainError(
    'TRANSPORT.ORDER_NOT_OPEN',
    `transport order ${orderId} is ${status}: it takes no more quotes`,
    HttpStatus.CONFLICT,
  );
}

/** Whether the order is booked by this very booking (an acceptance that is being retried). */
export function bookedBy(order: Pick<TransportOrder, 'status' | 'bookingId'>, bookingId: string): boolean {
  return order.status === 'booked' && order.bookingId === bookingId;
}

/**
 * Booking the order with an accepted quote: an open order is booked; one this booking booked before
 * stays as it is (booked, nothing to change); anything else cannot be booked.
 */
export function booking(
  order: Pick<TransportOrder, 'status' | 'bookingId'>,
  accepted: OrderBooking,
): { booked: boolean; change: Change | null } {
  if (bookedBy(order, accepted.bookingId)) return { booked: true, change: null };
  if (order.status !== 'open') return { booked: false, change: null };
  const { bookingId, quoteId, carrierId } = accepted;
  return {
    booked: true,
    change: { set: { status: 'booked', bookingId, acceptedQuoteId: quoteId, carrierId } },
  };
}

/** The booking was cancelled: the order ends and the shipment may be ordered again (once). */
export function bookingCancelled(
  order: Pick<TransportOrder, 'status' | 'bookingId'>,
  bookingId: string,
  at: Date,
): Change | null {
  if (!bookedBy(order, bookingId)) return null;
  return { set: { status: 'cancelled', cancelledAt: at }, unset: ['activeShipmentId'] };
}
