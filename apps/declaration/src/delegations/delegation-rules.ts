import type { FieldProblem } from '@tongguan/contracts';
import type { Change } from '@tongguan/persistence';
import type { ManifestedBill } from '../manifests/manifested-bill.schema';
import type { Delegation } from './delegation.schema';

/**
 * Who may declare a B/L, as pure decisions. The architecture's rule: a declaration is accepted only
 * from the consignee named on the manifest or a broker it authorised. The manifest must have been
 * transmitted first (advance manifest rule, as Chinese customs require of carriers); a withdrawn line
 * names nobody. A broker acts only while the consignee's delegation is active, and the declaration
 * belongs to the consignee whoever files it.
 */
export type FilingRight =
  { kind: 'allowed'; ownerPartyId: string; asBroker: boolean } | { kind: 'refused'; problem: FieldProblem };

export function decideFilingRight(
  blNumber: string,
  bill: Pick<ManifestedBill, 'consigneePartyId' | 'withdrawn'> | null,
  filerPartyId: string,
  delegation: Pick<Delegation, 'consigneePartyId' | 'brokerPartyId' | 'active'> | null,
): FilingRight {
  if (!bill || bill.withdrawn || !bill.consigneePartyId) {
    return {
      kind: 'refused',
      problem: {
        path: 'blNumber',
        code: 'BL_NOT_MANIFESTED',
        message: `B/L ${blNumber} is on no manifest transmitted to customs yet: the carrier's manifest must come before the declaration`,
      },
    };
  }
  const owner = bill.consigneePartyId;
  if (filerPartyId === owner) return { kind: 'allowed', ownerPartyId: owner, asBroker: false };
  if (
    delegation?.active &&
    delegation.consigneePartyId === owner &&
    delegation.brokerPartyId === filerPartyId
  ) {
    return { kind: 'allowed', ownerPartyId: owner, asBroker: true };
  }
  return {
    kind: 'refused',
    problem: {
      path: 'blNumber',
      code: 'NOT_CONSIGNEE',
      message: `the manifest of B/L ${blNumber} names another consignee, and that consignee has not authorised ${filerPartyId} to declare for it`,
    },
  };
}

export type Grant =
  | { kind: 'create'; delegation: Omit<Delegation, 'revision'> }
  | { kind: 'reactivate'; change: Change }
  | { kind: 'unchanged' };

/** Granting: a new delegation, a revoked one made active again, or nothing when it is active already. */
export function decideGrant(
  current: Delegation | null,
  consigneePartyId: string,
  brokerPartyId: string,
  id: string,
  at: Date,
): Grant {
  if (!current) {
    return {
      kind: 'create',
      delegation: { _id: id, consigneePartyId, brokerPartyId, active: true, grantedAt: at },
    };
  }
  if (current.active) return { kind: 'unchanged' };
  return { kind: 'reactivate', change: { set: { active: true, grantedAt: at }, unset: ['revokedAt'] } };
}

/** Revoking an active delegation; null when there is none active (already revoked, or never granted). */
export function decideRevocation(current: Delegation | null, at: Date): Change | null {
  if (!current?.active) return null;
  return { set: { active: false, revokedAt: at } };
}

/** A consignee cannot delegate to itself: it declares its own B/Ls already. */
export function grantProblems(consigneePartyId: string, brokerPartyId: string): FieldProblem[] {
  return consigneePartyId === brokerPartyId
    ? [
        {
          path: 'brokerPartyId',
          code: 'SELF_DELEGATION',
          message: 'a party declares its own B/Ls without a delegation',
        },
      ]
    : [];
}
