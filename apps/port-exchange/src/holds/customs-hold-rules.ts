import type { Change } from '@tongguan/persistence';
import type { CustomsHold } from './customs-hold.schema';

export interface Lift {
  by: string;
  reason: string;
  at: Date;
}

/**
 * A customs hold keeps cargo at the terminal while it is active. It is lifted once, with the officer
 * and the reason: lifting it again is refused (null), so each lift is one decision on record.
 */
export function decideLift(hold: Pick<CustomsHold, 'status'>, lift: Lift): Change | null {
  if (hold.status !== 'active') return null;
  return { set: { status: 'lifted', liftedBy: lift.by, liftReason: lift.reason, liftedAt: lift.at } };
}

/** The holds that keep the gate shut. */
export function activeHolds(holds: Pick<CustomsHold, '_id' | 'status' | 'reason'>[]) {
  return holds
    .filter((hold) => hold.status === 'active')
    .map((hold) => ({ id: hold._id, reason: hold.reason }));
}
