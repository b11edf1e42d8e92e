import { placeGivenBack, reservation } from './pickup-slot-rules';

describe('places in a pickup hour', () => {
  it('takes a place while the hour has room', () => {
    expect(reservation({ booked: 1, bookingIds: ['b-1'] }, 2, 'b-2')).toEqual({
      kind: 'take',
      change: { inc: { booked: 1 }, push: { bookingIds: 'b-2' } },
    });
  });

  it('refuses a full hour, and finds a booking it holds already held (a retried acceptance)', () => {
    expect(reservation({ booked: 2, bookingIds: ['b-1', 'b-2'] }, 2, 'b-3')).toEqual({ kind: 'full' });
    expect(reservation({ booked: 2, bookingIds: ['b-1', 'b-2'] }, 2, 'b-2')).toEqual({ kind: 'held' });
  });

  it('gives a place back once', () => {
    const hour = { booked: 2, bookingIds: ['b-1', 'b-2'] };
    expect(placeGivenBack(hour, 'b-1')).toEqual({ inc: { booked: -1 }, set: { bookingIds: ['b-2'] } });
    expect(placeGivenBack({ booked: 1, bookingIds: ['b-2'] }, 'b-1')).toBeNull();
  });
});
