import type { AgencyRegistry } from '@tongguan/agencies';
import type { Change } from '@tongguan/persistence';
import type { CustomsHold } from './customs-hold.schema';

/** Reviewing a hold is customs' step (registry customs/hold), counted on customs' calendar. */
export const HOLD_REVIEW = { owner: 'customs', step: 'hold' } as const;

export interface Lift {
  by: string;
  reason: string;
  at: Date;
}

export type HoldReview = Required<Pick<CustomsHold, 'reviewLimitHours' | 'reviewDueAt'>>;

/**
 * When customs is to have reviewed a hold placed at `placedAt`: the registry's limit. Port-exchange is
 * not told whether the declaration earned the green channel, so the ordinary limit applies.
 */
export function holdReview(registry: AgencyRegistry, placedAt: Date): HoldReview {
  const { limitHours, dueAt } = registry.dueAt(HOLD_REVIEW.owner, HOLD_REVIEW.step, placedAt, false);
  return { reviewLimitHours: limitHours, reviewDueAt: dueAt };
}

/**
 * A customs hold keeps cargo at the terminal while it is active. It is lifted once, with the officer,
 * the reason, the customs working hours it was held (to 1/1000 h) and whether that was within the
 * review limit: lifting it again is refused (null), so each lift is one decision on record.
 */
export function decideLift(
  hold: Pick<CustomsHold, 'status' | 'placedAt' | 'reviewDueAt'>,
  lift: Lift,
  registry: AgencyRegistry,
): Change | null {
  if (hold.status !== 'active') return null;
  const hours = registry.workingHoursBetween(HOLD_REVIEW.owner, new Date(hold.placedAt), lift.at);
  return {
    set: {
      status: 'lifted',
      liftedBy: lift.by,
      liftReason: lift.reason,
      liftedAt: lift.at,
      reviewHours: Math.round(hours * 1000) / 1000,
      // a hold stored before holds had a limit says nothing about it
      ...(hold.reviewDueAt === undefined
        ? {}
        : { liftedWithinLimit: lift.at.getTime() <= new Date(hold.reviewDueAt).getTime() }),
    },
  };
}

/** Still active past its reviewDueAt at `now` (computed on read). */
export function holdOverdue(hold: Pick<CustomsHold, 'status' | 'reviewDueAt'>, now: Date): boolean {
  return (
    hold.status === 'active' &&
    hold.reviewDueAt !== undefined &&
    new Date(hold.reviewDueAt).getTime() < now.getTime()
  );
}

/** The holds that keep the gate shut. */
export function activeHolds(holds: Pick<CustomsHold, '_id' | 'status' | 'reason'>[]) {
  return holds
    .filter((hold) => hold.status === 'active')
    .map((hold) => ({ id: hold._id, reason: hold.reason }));
}
