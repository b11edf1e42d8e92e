import { HttpStatus } from '@nestjs/common';
import type { Principal } from '@tongguan/auth';
import type { Change } from '@tongguan/persistence';
import { DomainError } from '@tongguan/platform';
import { settledWithinLimit, type PaymentLimit } from './payment-limit';
import type { PaymentQuote } from './payment-quote';
import { quoteRecord, receiptOf } from './payment-views';
import type { PaymentReceipt } from './payment.dto';
import type { AssessedDutyRecord, Payment, SettlementClaim, SettlementMethod } from './payment.schema';
import type { Settled } from './settlement-methods';
import type { Unsaved } from '@tongguan/persistence';

/**
 * The payment's rules, in one place: what a request is, when an amendment restates it, when a
 * withdrawal cancels it, and what a settlement under an idempotency key may do. Pure: the services
 * load the payment, ask here, and store what comes back in one guarded write.
 */

export type NewPayment = Unsaved<Payment>;

export interface PaymentRequest {
  paymentId: string;
  declarationId: string;
  shipmentId: string;
  importerId: string;
  currency: string;
  /** 1: with the port fees; later: a difference an amendment left owing (payment-dues). */
  sequence: number;
  declarationVersion: number;
  /** The whole assessment of that version; `duty` is the part this request collects. */
  assessedMinor: number;
  duty: AssessedDutyRecord;
}

/** A newer version's assessment, and the part of it this request is now to collect (payment-dues). */
export interface Amendment {
  version: number;
  currency: string;
  assessedMinor: number;
  duty: AssessedDutyRecord;
}

const TAX_CODES = ['CUSTOMS_DUTY', 'IMPORT_VAT', 'OTHER_TAXES'];

/** The assessed duty; requests stored before it was kept read it back from their tax lines. */
export function dutyOf(payment: Pick<Payment, 'duty' | 'lines'>): AssessedDutyRecord {
  if (payment.duty) return payment.duty;
  const amount = (code: string) => payment.lines.find((l) => l.code === code)?.amountMinor ?? 0;
  const totalMinor = TAX_CODES.reduce((sum, code) => sum + amount(code), 0);
  return { dutyMinor: amount('CUSTOMS_DUTY'), vatMinor: amount('IMPORT_VAT'), totalMinor };
}

/** A new request, announcing the bill as quoted at the instant it is requested, due at `limit`. */
export function newPayment(
  request: PaymentRequest,
  quote: PaymentQuote,
  requestedAt: Date,
  limit: PaymentLimit,
): NewPayment {
  const { paymentId, ...subject } = request;
  return {
    _id: paymentId,
    ...subject,
    lines: quote.lines,
    totalMinor: quote.totalMinor,
    status: 'requested',
    requestedAt,
    ...limit,
  };
}

/** Whether a newer assessment restates the payment: an unpaid request, once per newer declaration version. */
export function restates(payment: Pick<Payment, 'status' | 'declarationVersion'>, amendment: Amendment) {
  return payment.status === 'requested' && (payment.declarationVersion ?? 1) < amendment.version;
}

/** The restated request (same payment, new amounts), or null when the amendment changes nothing. */
export function restatement(payment: Payment, amendment: Amendment, quote: PaymentQuote): Change | null {
  if (!restates(payment, amendment)) return null;
  const { currency, duty, version, assessedMinor } = amendment;
  return {
    set: {
      currency,
      duty,
      assessedMinor,
      lines: quote.lines,
      totalMinor: quote.totalMinor,
      declarationVersion: version,
    },
  };
}

/** A withdrawn declaration owes nothing: only an unpaid request is cancelled; a settled one stays on record. */
export function cancellation(payment: Pick<Payment, 'status'>, at: Date): Change | null {
  return payment.status === 'requested' ? { set: { status: 'cancelled', cancelledAt: at } } : null;
}

/** A trader pays its own declarations' requests: the importer, or the exporter of an export (export duty). */
export function isTrader(caller: Pick<Principal, 'role'>): boolean {
  return caller.role === 'importer' || caller.role === 'exporter';
}

/** A trader sees only its own payments; customs and ops see every one. */
export function visibleTo(payment: Pick<Payment, 'importerId'>, caller: Principal): boolean {
  return !isTrader(caller) || payment.importerId === caller.party;
}

/** What a settlement request may do with the payment as it stands. */
export type SettlementStart =
  /** Settled under this key already: the same receipt again. */
  | { kind: 'replay'; receipt: PaymentReceipt }
  /** A settlement under this key is under way: carry on with its claim. */
  | { kind: 'resume'; claim: SettlementClaim }
  /** Nothing under way: a new claim may be made. */
  | { kind: 'claim' };

/** Throws the refusal (cancelled, settled under another key, busy with another key, key reused). */
export function settlementStart(payment: Payment, key: string, method: SettlementMethod): SettlementStart {
  switch (payment.status) {
    case 'settled':
      return { kind: 'replay', receipt: replayOrRefuse(payment, key, method) };
    case 'cancelled':
      throw new DomainError(
        'PAYMENT.CANCELLED',
        'the declaration was withdrawn: nothing is owed',
        HttpStatus.CONFLICT,
      );
    case 'requested': {
      const pending = payment.pendingSettlement;
      return pending ? { kind: 'resume', claim: sameRequest(pending, key, method) } : { kind: 'claim' };
    }
  }
}

/**
 * A settlement claimed before any money moves: its key, method, receipt number and amount (as of the
 * claim), and the declaration version and assessment those duties were billed against, are fixed, so
 * every retry of the key charges exactly this and PaymentSettled says what it covered.
 */
export function newClaim(
  payment: Pick<Payment, 'declarationVersion' | 'assessedMinor' | 'duty' | 'lines'>,
  quote: PaymentQuote,
  key: string,
  method: SettlementMethod,
  receiptNumber: string,
  guaranteeNumber?: string,
): SettlementClaim {
  return {
    ...quoteRecord(quote),
    key,
    method,
    receiptNumber,
    ...(guaranteeNumber ? { guaranteeNumber } : {}),
    ...coverageOf(payment),
  };
}

/** The version a request's duties were billed against and that version's whole assessment. */
export function coverageOf(
  payment: Pick<Payment, 'declarationVersion' | 'assessedMinor' | 'duty' | 'lines'>,
) {
  return {
    declarationVersion: payment.declarationVersion ?? 1,
    assessedMinor: payment.assessedMinor ?? dutyOf(payment).totalMinor,
  };
}

/**
 * The claim paid: settled, with its receipt and whether it came by the request's dueAt. Recorded even
 * on a payment cancelled while the money was moving: the money did move, and the receipt is what a
 * refund would start from.
 */
export function settlement(
  claim: SettlementClaim,
  settled: Settled,
  settledAt: Date,
  dueAt: Date | undefined,
): Change {
  const { key, method, receiptNumber, guaranteeNumber: _guarantee, ...quote } = claim;
  const withinLimit = settledWithinLimit(dueAt, settledAt);
  return {
    set: {
      status: 'settled',
      receiptNumber,
      settledAt,
      ...(withinLimit === undefined ? {} : { settledWithinLimit: withinLimit }),
      settlementKey: key,
      receipt: { ...quote, number: receiptNumber, method, ...settled },
    },
    unset: ['pendingSettlement'],
  };
}

/** The same key names the same settlement: its method must match too, or the key is being reused. */
export function sameRequest(pending: SettlementClaim, key: string, method: string): SettlementClaim {
  if (pending.key !== key) {
    throw new DomainError(
      'PAYMENT.SETTLEMENT_IN_PROGRESS',
      'another settlement of this payment is under way: retry with its idempotency key',
      HttpStatus.CONFLICT,
    );
  }
  if (pending.method !== method) throw keyReused(pending.method);
  return pending;
}

/** The receipt a settlement under `key` answers once the payment is settled, or why it cannot. */
export function replayOrRefuse(payment: Payment, key: string, method: string): PaymentReceipt {
  const receipt = receiptOf(payment);
  if (!receipt) {
    // only if the settlement in flight was abandoned under this request (a refusal of its twin)
    throw new DomainError(
      'PAYMENT.NOT_SETTLED',
      `payment ${payment._id} is ${payment.status}: the settlement did not complete, try again`,
      HttpStatus.CONFLICT,
    );
  }
  if (payment.settlementKey !== key) {
    throw new DomainError(
      'PAYMENT.ALREADY_SETTLED',
      `payment ${payment._id} was already settled (receipt ${payment.receiptNumber})`,
      HttpStatus.CONFLICT,
    );
  }
  if (receipt.method !== method) throw keyReused(receipt.method);
  return receipt;
}

function keyReused(method: string): DomainError {
  return new DomainError(
    'PAYMENT.IDEMPOTENCY_KEY_REUSED',
    `this idempotency key was used for a settlement by ${method}`,
    HttpStatus.UNPROCESSABLE_ENTITY,
    [
      {
        path: 'method',
        code: 'PAYMENT.IDEMPOTENCY_KEY_REUSED',
        message: `the key was used with method ${method}`,
      },
    ],
  );
}
