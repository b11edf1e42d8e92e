import type { PortFeeTariff } from '../fees/port-fee-tariff';
import { portFeeLines, type DischargedCargo } from '../fees/port-fees';
import { storageDays } from '../fees/storage-days';
import { paymentBill, type PaymentBill } from './payment-lines';

/** Where the cargo's storage stands at the instant of a quote. */
export interface StorageStatus {
  dischargedAt: Date;
  /** Calendar days in the terminal, the day of discharge being day 1. */
  storageDays: number;
}

/** What a payment comes to at one business instant: storage makes it grow day by day. */
export interface PaymentQuote extends PaymentBill {
  asOf: Date;
  /** Absent until the cargo is discharged. */
  storage?: StorageStatus;
}

export interface QuotedPayment {
  shipmentId: string;
  currency: string;
  duty: { dutyMinor: number; vatMinor: number; totalMinor: number };
  /** A declaration's first request (1, the default) bears the port fees; a later one a duty difference only. */
  sequence?: number;
}

/** The bill of a payment as of `asOf`: the assessed duty and taxes, then the port fees up to that day. Pure. */
export function quotePayment(
  tariff: PortFeeTariff,
  payment: QuotedPayment,
  cargo: DischargedCargo | null,
  asOf: Date,
): PaymentQuote {
  const { shipmentId, currency, duty } = payment;
  const first = (payment.sequence ?? 1) === 1;
  const fees = first ? portFeeLines(tariff, { shipmentId, currency, cargo, asOf }) : [];
  const bill = paymentBill({ shipmentId, ...duty }, fees);
  if (!cargo || !first) return { ...bill, asOf };
  const days = storageDays(cargo.dischargedAt, asOf, tariff.utcOffsetMinutes);
  return { ...bill, asOf, storage: { dischargedAt: cargo.dischargedAt, storageDays: days } };
}
