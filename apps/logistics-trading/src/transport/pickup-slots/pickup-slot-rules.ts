import type { Change } from '@tongguan/persistence';
import type { PickupSlot } from './pickup-slot.schema';

/**
 * A terminal hour's places, as pure rules: the hour takes a booking while it has room and does not
 * hold it yet, and gives a place back once. The repository writes the change guarded by the revision
 * the decision was made on, so with any number of instances an hour is never overbooked and a retried
 * reservation or release counts once.
 */
export type Reservation = { kind: 'take'; change: Change } | { kind: 'held' } | { kind: 'full' };

type Hour = Pick<PickupSlot, 'booked' | 'bookingIds'>;

export function reservation(hour: Hour, capacity: number, bookingId: string): Reservation {
  if (hour.bookingIds.includes(bookingId)) return { kind: 'held' };
  if (hour.booked >= capacity) return { kind: 'full' };
  return { kind: 'take', change: { inc: { booked: 1 }, push: { bookingIds: bookingId } } };
}

/** Gives the booking's place back; null when the hour does not hold it (freed before, or never). */
export function placeGivenBack(hour: Hour, bookingId: string): Change | null {
  if (!hour.bookingIds.includes(bookingId)) return null;
  return { inc: { booked: -1 }, set: { bookingIds: hour.bookingIds.filter((id) => id !== bookingId) } };
}
