import type { FeeLine } from '../fees/port-fees';

/** The assessed amounts a DutyAssessed event carries (integer minor units). */
export interface AssessedDuty {
  shipmentId: string;
  dutyMinor: number;
  vatMinor: number;
  totalMinor: number;
}

export interface PaymentBill {
  lines: FeeLine[];
  /** Customs duty, import VAT and other assessed taxes. */
  dutiesAndTaxesMinor: number;
  /** The port's fees: handling and storage. */
  portFeesMinor: number;
  totalMinor: number;
}

export class InconsistentAssessmentError extends Error {}

/**
 * One bill for the shipment: customs duty and import VAT as assessed, then the port fees (one-stop
 * settlement). A total above duty + VAT means other taxes were assessed without being itemised; they
 * are collected as one line rather than dropped. A total below it cannot be paid correctly.
 */
export function paymentBill(duty: AssessedDuty, fees: FeeLine[]): PaymentBill {
  const other = duty.totalMinor - duty.dutyMinor - duty.vatMinor;
  if (other < 0) {
    throw new InconsistentAssessmentError(
      `assessment of ${duty.shipmentId} totals ${duty.totalMinor} but duty ${duty.dutyMinor} + VAT ${duty.vatMinor} exceed it`,
    );
  }
  const taxes: FeeLine[] = [
    { code: 'CUSTOMS_DUTY', description: 'Customs duty', amountMinor: duty.dutyMinor },
    { code: 'IMPORT_VAT', description: 'Import VAT', amountMinor: duty.vatMinor },
    ...(other > 0 ? [{ code: 'OTHER_TAXES', description: 'Other assessed taxes', amountMinor: other }] : []),
  ];
  const dutiesAndTaxesMinor = sum(taxes);
  const portFeesMinor = sum(fees);
  const totalMinor = dutiesAndTaxesMinor + portFeesMinor;
  if (!Number.isSafeInteger(totalMinor))
    throw new InconsistentAssessmentError(`total of ${duty.shipmentId} overflows`);
  return { lines: [...taxes, ...fees], dutiesAndTaxesMinor, portFeesMinor, totalMinor };
}

function sum(lines: FeeLine[]): number {
  return lines.reduce((total, line) => total + line.amountMinor, 0);
}
