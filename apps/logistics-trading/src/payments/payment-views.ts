import { paymentOverdue } from './payment-limit';
import type { PaymentQuote } from './payment-quote';
import type { PaymentReceipt, PaymentView } from './payment.dto';
import type { Payment, QuoteRecord } from './payment.schema';

const lineViews = (lines: Payment['lines']) =>
  lines.map(({ code, description, amountMinor }) => ({ code, description, amountMinor }));

/** The stored form of a quote (lines as plain records, storage only when discharged). */
export function quoteRecord(quote: PaymentQuote): QuoteRecord {
  const { lines, dutiesAndTaxesMinor, portFeesMinor, totalMinor, asOf, storage } = quote;
  return {
    lines: lineViews(lines),
    dutiesAndTaxesMinor,
    portFeesMinor,
    totalMinor,
    asOf,
    ...(storage ? { storage: { dischargedAt: storage.dischargedAt, storageDays: storage.storageDays } } : {}),
  };
}

/**
 * A payment as callers see it, with the figures of `figures` (the live quote, or the receipt once
 * settled), when it is due and, at `now`, whether that passed unpaid.
 */
export function paymentView(payment: Payment, figures: QuoteRecord, now: Date): PaymentView {
  const { _id, shipmentId, declarationId, importerId, currency, status, requestedAt } = payment;
  const { lines, dutiesAndTaxesMinor, portFeesMinor, totalMinor, asOf, storage } = figures;
  return {
    id: _id,
    shipmentId,
    declarationId,
    ...coverage(payment, dutiesAndTaxesMinor),
    importerId,
    currency,
    lines: lineViews(lines),
    dutiesAndTaxesMinor,
    portFeesMinor,
    totalMinor,
    asOf,
    ...(storage ? { storage: { dischargedAt: storage.dischargedAt, storageDays: storage.storageDays } } : {}),
    status,
    requestedAt,
    ...(payment.dueAt ? { limitHours: payment.limitHours, dueAt: payment.dueAt } : {}),
    overdue: paymentOverdue(payment, now),
    ...(payment.settledAt ? { settledAt: payment.settledAt, receiptNumber: payment.receiptNumber } : {}),
    ...(payment.settledWithinLimit === undefined ? {} : { settledWithinLimit: payment.settledWithinLimit }),
    ...(payment.receipt ? { method: payment.receipt.method } : {}),
  };
}

/**
 * The declaration version the duties were billed against and its whole assessment: what the receipt
 * covered once settled (an assessment may have restated the request since), else the request's own.
 */
function coverage(payment: Payment, dutiesAndTaxesMinor: number) {
  const settled = payment.status === 'settled' && payment.receipt?.declarationVersion;
  const source = settled ? payment.receipt! : payment;
  return {
    sequence: payment.sequence ?? 1,
    declarationVersion: source.declarationVersion ?? 1,
    assessedMinor: source.assessedMinor ?? dutiesAndTaxesMinor,
  };
}

/** The receipt of a settled payment; undefined while it is not settled. */
export function receiptOf(payment: Payment): PaymentReceipt | undefined {
  const receipt = payment.receipt;
  if (payment.status !== 'settled' || !receipt) return undefined;
  const { storage, guarantee } = receipt;
  return {
    receiptNumber: receipt.number,
    paymentId: payment._id,
    shipmentId: payment.shipmentId,
    declarationId: payment.declarationId,
    ...coverage(payment, receipt.dutiesAndTaxesMinor),
    importerId: payment.importerId,
    status: 'settled',
    method: receipt.method,
    currency: payment.currency,
    lines: lineViews(receipt.lines),
    dutiesAndTaxesMinor: receipt.dutiesAndTaxesMinor,
    portFeesMinor: receipt.portFeesMinor,
    totalMinor: receipt.totalMinor,
    chargedAsOf: receipt.asOf,
    ...(storage ? { storage: { dischargedAt: storage.dischargedAt, storageDays: storage.storageDays } } : {}),
    paidAt: receipt.paidAt,
    reference: receipt.reference,
    ...(guarantee
      ? {
          guarantee: {
            guaranteeNumber: guarantee.guaranteeNumber,
            aeoCertificate: guarantee.aeoCertificate,
            bank: guarantee.bank,
          },
        }
      : {}),
  };
}
