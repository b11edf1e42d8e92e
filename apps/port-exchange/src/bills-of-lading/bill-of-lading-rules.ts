import type { Principal } from '@tongguan/auth';
import type { FieldProblem } from '@tongguan/contracts';
import type { Change } from '@tongguan/persistence';
import type { BillOfLading } from './bill-of-lading.schema';
import type { ManifestLine } from './manifest-line';

/**
 * The rules of a manifest line (a bill of lading and its containers), as pure decisions: filing and
 * amending it, discharging its containers, and its cargo leaving the terminal.
 */
export type OnRecord = Pick<
  BillOfLading,
  | '_id'
  | 'vesselCallId'
  | 'carrierPartyId'
  | 'consignee'
  | 'consigneePartyId'
  | 'containerNumbers'
  | 'packages'
  | 'grossWeightKg'
  | 'dischargedAt'
  | 'dischargedContainers'
  | 'withdrawnAt'
  | 'revision'
>;

/** The vessel call a manifest is filed on and the party that owns it (and so files it). */
export interface ManifestFiler {
  vesselCallId: string;
  partyId: string;
}

/** Another party's filing of a B/L number that a manifest already holds: kept for operations. */
export interface ManifestConflict {
  blNumber: string;
  holderPartyId?: string;
  holderVesselCallId: string;
  claimantPartyId: string;
  claimantVesselCallId: string;
}

export type LineOutcome =
  /** New; `over` is the revision of a withdrawn line of the same number that this one replaces. */
  | { kind: 'stored'; over?: number }
  | { kind: 'amended'; revision?: number }
  | { kind: 'unchanged' }
  | { kind: 'refused'; problem: FieldProblem; conflict?: ManifestConflict };

/**
 * A B/L number belongs to the first manifest that files it. A new B/L is stored; one already on this
 * call is left alone when identical (so sending the same manifest twice stores nothing twice) or
 * amended until its discharge begins; one on another call is refused. When the other call is another
 * party's, the refusal names neither that call nor its owner, and is a conflict operations see: they
 * withdraw the line of whichever party squatted the number, which frees it for the rightful carrier.
 * A squatter never changes another party's line (its consignee included). A withdrawn line's number
 * may be filed again, by anyone.
 */
export function decideManifestLine(
  filer: ManifestFiler,
  line: ManifestLine,
  record: OnRecord | undefined,
): LineOutcome {
  if (!record) return { kind: 'stored' };
  if (record.withdrawnAt) return { kind: 'stored', over: record.revision };
  if (record.carrierPartyId !== filer.partyId) {
    return {
      kind: 'refused',
      problem: {
        path: 'blNumber',
        code: 'ALREADY_MANIFESTED',
        message:
          `${line.blNumber} is already on another party's manifest: a B/L number belongs to the first manifest ` +
          'that files it. Operations have been told of the conflict; if the B/L is yours, ask them to resolve it',
      },
      conflict: {
        blNumber: line.blNumber,
        holderPartyId: record.carrierPartyId,
        holderVesselCallId: record.vesselCallId,
        claimantPartyId: filer.partyId,
        claimantVesselCallId: filer.vesselCallId,
      },
    };
  }
  if (record.vesselCallId !== filer.vesselCallId) {
    return {
      kind: 'refused',
      problem: {
        path: 'blNumber',
        code: 'ALREADY_MANIFESTED',
        message: `${line.blNumber} is already manifested on your vessel call ${record.vesselCallId}`,
      },
    };
  }
  if (sameContent(record, line)) return { kind: 'unchanged' };
  if (dischargeBegun(record)) {
    return {
      kind: 'refused',
      problem: {
        path: 'blNumber',
        code: 'ALREADY_DISCHARGED',
        message: `${line.blNumber} is being or has been discharged: its manifest line can no longer change`,
      },
    };
  }
  return { kind: 'amended', revision: record.revision };
}

export function sameContent(record: OnRecord, line: ManifestLine): boolean {
  return (
    record.consignee === line.consignee &&
    record.consigneePartyId === line.consigneePartyId &&
    record.packages === line.packages &&
    record.grossWeightKg === line.grossWeightKg &&
    record.containerNumbers.join(',') === line.containerNumbers.join(',')
  );
}

function dischargeBegun(bill: Pick<BillOfLading, 'dischargedAt' | 'dischargedContainers'>): boolean {
  return Boolean(bill.dischargedAt) || (bill.dischargedContainers ?? []).length > 0;
}

export interface DischargeStep {
  dischargedContainers: string[];
  /** The last of its containers is off the vessel: the cargo has arrived [TRS T0]. */
  complete: boolean;
}

/**
 * Containers lifted off the vessel for this B/L; null when nothing changes (discharged already, or
 * these containers were). A B/L without containers is complete at its first discharge.
 */
export function decideDischarge(
  bill: Pick<BillOfLading, 'containerNumbers' | 'dischargedAt' | 'dischargedContainers'>,
  containers: string[],
): DischargeStep | null {
  if (bill.dischargedAt) return null;
  const before = bill.dischargedContainers ?? [];
  const after = [...new Set([...before, ...containers])];
  if (after.length === before.length && before.length > 0) return null;
  return {
    dischargedContainers: after,
    complete: bill.containerNumbers.every((container) => after.includes(container)),
  };
}

/** The cargo leaves once: null when it already left. */
export function decideGateOutRecord(bill: Pick<BillOfLading, 'gateOutAt'>, at: Date): Change | null {
  return bill.gateOutAt ? null : { set: { gateOutAt: at } };
}

export type Withdrawal =
  | { kind: 'withdrawn'; change: Change; revision: number }
  | { kind: 'not-found' }
  | { kind: 'unchanged' }
  | { kind: 'refused'; code: 'BILL_OF_LADING.ALREADY_DISCHARGED'; message: string };

/**
 * Withdrawing a manifest line, before its discharge begins: by the party that owns it, or by operations
 * resolving a disputed B/L number. Anyone else is told it does not exist (a carrier's lines do not leak).
 * A withdrawn line stays on record (who, when, why); its number may then be filed again.
 */
export function decideWithdrawal(
  record: Pick<
    BillOfLading,
    'carrierPartyId' | 'dischargedAt' | 'dischargedContainers' | 'withdrawnAt' | 'revision'
  >,
  who: Pick<Principal, 'role' | 'party'>,
  reason: string,
  at: Date,
): Withdrawal {
  const owner = (who.role === 'port' || who.role === 'carrier') && record.carrierPartyId === who.party;
  if (!owner && who.role !== 'ops') return { kind: 'not-found' };
  if (record.withdrawnAt) return { kind: 'unchanged' };
  if (dischargeBegun(record)) {
    return {
      kind: 'refused',
      code: 'BILL_OF_LADING.ALREADY_DISCHARGED',
      message: 'the B/L is being or has been discharged: its manifest line can no longer be withdrawn',
    };
  }
  return {
    kind: 'withdrawn',
    change: { set: { withdrawnAt: at, withdrawnBy: who.party, withdrawalReason: reason } },
    revision: (record.revision ?? 0) + 1,
  };
}

/** Whether a reader may see a B/L: its owner, the terminal, customs and operations; not other carriers. */
export function mayReadLine(
  record: Pick<BillOfLading, 'carrierPartyId'>,
  who: Pick<Principal, 'role' | 'party'>,
): boolean {
  return who.role === 'carrier' ? record.carrierPartyId === who.party : true;
}
