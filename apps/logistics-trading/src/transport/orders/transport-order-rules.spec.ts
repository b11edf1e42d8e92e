import type { Principal } from '@tongguan/auth';
import type { DomainError } from '@tongguan/platform';
import { booking, bookingCancelled, notOpen, visibleTo } from './transport-order-rules';
import type { TransportOrder } from './transport-order.schema';

const at = new Date('2026-03-10T12:00:00+08:00');
const order = (overrides: Partial<TransportOrder> = {}): TransportOrder => ({
  _id: 'order-1',
  shipmentId: 'COSU6182736450',
  activeShipmentId: 'COSU6182736450',
  importerId: 'TRADER-1',
  terminal: 'CNSZX-YICT',
  destination: 'Dongguan',
  status: 'open',
  createdAt: at,
  quoteIds: [],
  ...overrides,
});
const accepted = { bookingId: 'booking-1', quoteId: 'quote-1', carrierId: 'CARRIER-1' };
const bookedOrder = () =>
  order({ status: 'booked', bookingId: 'booking-1', acceptedQuoteId: 'quote-1', carrierId: 'CARRIER-1' });
const as = (role: Principal['role'], party: string): Principal => ({ subject: party, role, party });

describe('booking a transport order', () => {
  it('books an open order with the accepted quote and its carrier', () => {
    expect(booking(order(), accepted)).toEqual({
      booked: true,
      change: {
        set: { status: 'booked', bookingId: 'booking-1', acceptedQuoteId: 'quote-1', carrierId: 'CARRIER-1' },
      },
    });
  });

  it('finds an order this booking booked before as booked, changing nothing (a retried acceptance)', () => {
    expect(booking(bookedOrder(), accepted)).toEqual({ booked: true, change: null });
  });

  it('cannot book an order booked by another quote, or cancelled', () => {
    expect(booking(bookedOrder(), { ...accepted, bookingId: 'booking-2' })).toEqual({
      booked: false,
      change: null,
    });
    expect(booking(order({ status: 'cancelled' }), accepted)).toEqual({ booked: false, change: null });
  });
});

describe('cancelling the booking of an order', () => {
  it('ends the order and frees the shipment for a new order, once', () => {
    expect(bookingCancelled(bookedOrder(), 'booking-1', at)).toEqual({
      set: { status: 'cancelled', cancelledAt: at },
      unset: ['activeShipmentId'],
    });
    expect(bookingCancelled(bookedOrder(), 'booking-2', at)).toBeNull();
    expect(
      bookingCancelled(order({ status: 'cancelled', bookingId: 'booking-1' }), 'booking-1', at),
    ).toBeNull();
  });
});

describe('quotes and visibility', () => {
  it('takes quotes only while open', () => {
    expect(notOpen('order-1', 'open')).toBeNull();
    const refusal = notOpen('order-1', 'booked') as DomainError;
    expect(refusal.getResponse()).toMatchObject({ code: 'TRANSPORT.ORDER_NOT_OPEN' });
    expect(refusal.message).toBe('transport order order-1 is booked: it takes no more quotes');
  });

  it('shows an importer its own orders, a carrier the open ones and its own bookings, ops all', () => {
    expect(visibleTo(order(), as('importer', 'TRADER-1'))).toBe(true);
    expect(visibleTo(order(), as('importer', 'TRADER-2'))).toBe(false);
    expect(visibleTo(order(), as('carrier', 'CARRIER-2'))).toBe(true);
    expect(visibleTo(bookedOrder(), as('carrier', 'CARRIER-1'))).toBe(true);
    expect(visibleTo(bookedOrder(), as('carrier', 'CARRIER-2'))).toBe(false);
    expect(visibleTo(bookedOrder(), as('ops', 'OPS'))).toBe(true);
  });
});
