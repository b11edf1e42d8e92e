import { BOOKING_HORIZON_DAYS, pickupHourFor } from './pickup-hour';

const shekou = {
  utcOffsetMinutes: 480,
  openWeekdays: [1, 2, 3, 4, 5, 6],
  opensAt: '07:00',
  closesAt: '23:00',
};
const now = new Date('2026-03-02T02:20:00Z'); // Monday 10:20 in Shenzhen
const codes = (r: ReturnType<typeof pickupHourFor>) => r.problems.map((p) => p.code);

describe('pickupHourFor', () => {
  it('books the local hour of the pickup time, including the hour already under way', () => {
    const later = pickupHourFor(shekou, new Date('2026-03-02T06:45:00Z'), now);
    expect(later.problems).toEqual([]);
    expect(later.slot.local).toBe('2026-03-02 14:00');
    expect(pickupHourFor(shekou, new Date('2026-03-02T02:00:00Z'), now).problems).toEqual([]);
  });

  it('refuses a closed hour, a past hour and a Sunday, each with its reason', () => {
    expect(codes(pickupHourFor(shekou, new Date('2026-03-02T16:00:00Z'), now))).toEqual(['TERMINAL_CLOSED']);
    expect(codes(pickupHourFor(shekou, new Date('2026-03-02T01:59:00Z'), now))).toEqual([
      'PICKUP_HOUR_PASSED',
    ]);
    expect(codes(pickupHourFor(shekou, new Date('2026-03-08T02:00:00Z'), now))).toEqual(['TERMINAL_CLOSED']);
    // before opening and over: both reasons at once
    expect(codes(pickupHourFor(shekou, new Date('2026-03-01T22:00:00Z'), now))).toEqual([
      'TERMINAL_CLOSED',
      'PICKUP_HOUR_PASSED',
    ]);
  });

  it("keeps to the importer's earliest pickup: the hour must end after it", () => {
    const earliest = new Date('2026-03-02T05:30:00Z');
    expect(codes(pickupHourFor(shekou, new Date('2026-03-02T04:00:00Z'), now, earliest))).toEqual([
      'BEFORE_EARLIEST_PICKUP',
    ]);
    expect(pickupHourFor(shekou, new Date('2026-03-02T05:00:00Z'), now, earliest).problems).toEqual([]);
  });

  it(`books at most ${BOOKING_HORIZON_DAYS} days ahead`, () => {
    expect(codes(pickupHourFor(shekou, new Date('2026-04-07T02:00:00Z'), now))).toEqual(['TOO_FAR_AHEAD']);
  });
});
