/**
 * Whether the duty of a declaration is paid: the settlements of this declaration (PaymentSettled, each
 * counted once) against the assessment of its CURRENT version. A settlement priced on an earlier version
 * counts for what it collected, never for the version it named: an amendment that raises the duty
 * leaves the declaration unpaid until the difference is settled, one that lowers it leaves it paid
 * (a refund is not handled here). Pure; integer minor units.
 */
export interface AssessedTotal {
  currency: string;
  /** Duty, VAT and other taxes of the current version. */
  totalMinor: number;
}

/** One settlement of the declaration, as PaymentSettled reported it. */
export interface SettlementOnRecord {
  paymentId: string;
  receiptNumber: string;
  /** The version the payment was billed against (informative: the amount is what counts). */
  declarationVersion: number;
  currency: string;
  /** The duties and taxes the settlement collected (port fees excluded). */
  coveredMinor: number;
  method: string;
  settledAt: Date;
}

/** What the settlements collected towards the assessment (settlements in another currency count nothing). */
export function settledMinor(assessment: AssessedTotal, settlements: readonly SettlementOnRecord[]): number {
  return settlements
    .filter((s) => s.currency === assessment.currency)
    .reduce((sum, s) => sum + s.coveredMinor, 0);
}

/** What the current version's assessment still lacks; 0 when it is covered. */
export function owedMinor(assessment: AssessedTotal, settlements: readonly SettlementOnRecord[]): number {
  return Math.max(0, assessment.totalMinor - settledMinor(assessment, settlements));
}

export function covers(assessment: AssessedTotal, settlements: readonly SettlementOnRecord[]): boolean {
  return owedMinor(assessment, settlements) === 0;
}

/** The settlements with this one added, or null when it is on record already (a redelivery). */
export function withSettlement(
  settlements: readonly SettlementOnRecord[],
  settlement: SettlementOnRecord,
): SettlementOnRecord[] | null {
  if (settlements.some((s) => s.paymentId === settlement.paymentId)) return null;
  return [...settlements, settlement];
}
