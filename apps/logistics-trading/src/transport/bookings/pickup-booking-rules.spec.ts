import type { Principal } from '@tongguan/auth';
import type { DomainError } from '@tongguan/platform';
import { parsePickupTerminals } from '../pickup-slots/pickup-terminals';
import { slotHourOf } from '../pickup-slots/slot-hours';
import {
  acceptanceRefusal,
  cancellation,
  slotFull,
  visibleTo,
  type Acceptance,
} from './pickup-booking-rules';

const terminal = parsePickupTerminals({
  terminals: [
    {
      id: 'CNSZX-SCT',
      name: 'Shekou',
      utcOffsetMinutes: 480,
      openWeekdays: [1, 2, 3, 4, 5, 6],
      opensAt: '07:00',
      closesAt: '23:00',
      capacityPerHour: 2,
    },
  ],
}).find('CNSZX-SCT')!;
// Tuesday 10 March 2026, 14:00 in Shekou
const slot = slotHourOf(terminal, new Date('2026-03-10T14:20:00+08:00'));
const now = new Date('2026-03-10T09:00:00+08:00');
const acceptance = (overrides: Partial<Acceptance> = {}): Acceptance => ({
  order: { _id: 'order-1', status: 'open' },
  quote: { _id: 'quote-1', status: 'submitted' },
  bookingId: 'booking-1',
  terminal,
  slot,
  now,
  ...overrides,
});
const codeOf = (refusal: DomainError | null) =>
  refusal ? (refusal.getResponse() as { code: string }).code : 'accepted';

describe('accepting a quote', () => {
  it('accepts a submitted quote on an open order for an open hour still to come', () => {
    expect(acceptanceRefusal(acceptance())).toBeNull();
  });

  it('refuses a booked or cancelled order, a quote no longer open, a past hour and a closed one', () => {
    expect(codeOf(acceptanceRefusal(acceptance({ order: { _id: 'order-1', status: 'cancelled' } })))).toBe(
      'TRANSPORT.ORDER_NOT_OPEN',
    );
    expect(codeOf(acceptanceRefusal(acceptance({ quote: { _id: 'quote-1', status: 'declined' } })))).toBe(
      'TRANSPORT.QUOTE_NOT_OPEN',
    );
    expect(codeOf(acceptanceRefusal(acceptance({ now: new Date('2026-03-10T15:00:00+08:00') })))).toBe(
      'TRANSPORT.PICKUP_HOUR_PASSED',
    );
    const sunday = slotHourOf(terminal, new Date('2026-03-15T10:00:00+08:00'));
    expect(codeOf(acceptanceRefusal(acceptance({ slot: sunday })))).toBe('TRANSPORT.TERMINAL_CLOSED');
  });

  it('resumes an acceptance that booked the order before, even once its hour is over', () => {
    const resumed = acceptance({
      order: { _id: 'order-1', status: 'booked', bookingId: 'booking-1' },
      quote: { _id: 'quote-1', status: 'submitted' },
      now: new Date('2026-03-10T15:00:00+08:00'),
    });
    expect(acceptanceRefusal(resumed)).toBeNull();
    expect(codeOf(acceptanceRefusal({ ...resumed, bookingId: 'booking-2' }))).toBe(
      'TRANSPORT.ORDER_NOT_OPEN',
    );
  });

  it('names the full hour in local time and its capacity', () => {
    const full = slotFull(terminal, slot);
    expect(full.getResponse()).toMatchObject({ code: 'SLOT_FULL' });
    expect(full.message).toBe(
      'CNSZX-SCT has no free pickup place at 2026-03-10 14:00 local time (2 an hour)',
    );
  });
});

describe('cancelling a booking', () => {
  const at = new Date('2026-03-10T10:00:00+08:00');
  it('cancels a booked pickup once, recording who and why', () => {
    expect(cancellation({ status: 'booked' }, 'CARRIER-1', 'truck broke down', at)).toEqual({
      set: {
        status: 'cancelled',
        cancelledAt: at,
        cancelledBy: 'CARRIER-1',
        cancelReason: 'truck broke down',
      },
    });
    expect(cancellation({ status: 'cancelled' }, 'CARRIER-1', 'again', at)).toBeNull();
  });

  it('shows a booking to its importer and its carrier, and to the port and ops', () => {
    const booking = { importerId: 'TRADER-1', carrierId: 'CARRIER-1' };
    const as = (role: Principal['role'], party: string): Principal => ({ subject: party, role, party });
    expect(visibleTo(booking, as('importer', 'TRADER-1'))).toBe(true);
    expect(visibleTo(booking, as('importer', 'TRADER-2'))).toBe(false);
    expect(visibleTo(booking, as('carrier', 'CARRIER-2'))).toBe(false);
    expect(visibleTo(booking, as('port', 'TERMINAL'))).toBe(true);
  });
});
