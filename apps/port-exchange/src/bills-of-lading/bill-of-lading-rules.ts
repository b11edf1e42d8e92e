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
  | 'consignee'
  | 'containerNumbers'
  | 'packages'
  | 'grossWeightKg'
  | 'dischargedAt'
  | 'dischargedContainers'
  | 'revision'
>;

export type LineOutcome =
  | { kind: 'stored' }
  | { kind: 'amended'; revision?: number }
  | { kind: 'unchanged' }
  | { kind: 'refused'; problem: FieldProblem };

/**
 * A new B/L is stored; one already on this call is left alone when identical (so sending the same
 * manifest twice stores nothing twice) or amended until its discharge begins; one on another call is
 * refused.
 */
export function decideManifestLine(
  vesselCallId: string,
  line: ManifestLine,
  record: OnRecord | undefined,
): LineOutcome {
  if (!record) return { kind: 'stored' };
  if (record.vesselCallId !== vesselCallId) {
    return {
      kind: 'refused',
      problem: {
        path: 'blNumber',
        code: 'ALREADY_MANIFESTED',
        message: `${line.blNumber} is already manifested on vessel call ${record.vesselCallId}`,
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
