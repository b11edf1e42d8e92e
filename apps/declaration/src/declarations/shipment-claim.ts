import type { DeclarationStatus } from './declaration-status';
import { ACTIVE } from './declaration-status';

/**
 * Who holds a B/L. A lodgement claims the shipment for its declaration id first and inserts the
 * declaration second, so between the two the claim names a declaration that is not stored yet: it is
 * held all the same — taking it over then is how two racing lodgements both got their 201. Only a
 * claim whose declaration never appeared within the grace (a lodgement that crashed between the two
 * writes) is given up. Wall-clock time, not the business clock: this is about a process, not a filing.
 */
export const ABANDONED_CLAIM_MS = 60_000;

export interface ShipmentClaim {
  /** The declaration id the claim names, or null when the B/L is free. */
  active: string | null;
  /** When the claim was made (wall clock); absent on claims made before it was recorded. */
  claimedAt?: Date;
}

/** Whether the B/L is held: by an active declaration, or by a claim whose declaration is still being stored. */
export function isHeld(
  claim: ShipmentClaim | null,
  /** The status of the declaration the claim names; null when it is not stored. */
  holderStatus: DeclarationStatus | null,
  now: Date,
): boolean {
  if (!claim?.active) return false;
  if (holderStatus !== null) return ACTIVE.includes(holderStatus);
  return claim.claimedAt !== undefined && now.getTime() - claim.claimedAt.getTime() < ABANDONED_CLAIM_MS;
}
