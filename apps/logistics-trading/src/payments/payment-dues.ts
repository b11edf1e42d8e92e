import { createHash } from 'node:crypto';
import { dutyOf } from './payment-rules';
import type { AssessedDutyRecord, Payment } from './payment.schema';

/**
 * What a declaration still owes, and which payment request asks for it. Pure. Customs assesses each
 * version of a declaration (DutyAssessed: at lodgement, at each amendment, and again when a settlement
 * left it short); every settled payment of the declaration collected what its receipt shows; the rest
 * is owed. An open (unpaid) request is restated to it; with none open, a new request asks for it — the
 * first one with the port fees, later ones for the difference only. Never less than assessed: what was
 * settled on an earlier, lower version counts for what it collected, not for the version it named.
 */

/** The assessment of one declaration version (amounts in minor units). */
export interface Assessment {
  declarationId: string;
  version: number;
  currency: string;
  duty: AssessedDutyRecord;
}

export type Due =
  | { kind: 'none' }
  /** A new request: sequence 1 bills the port fees too, later ones the difference only. */
  | { kind: 'request'; sequence: number; duty: AssessedDutyRecord }
  /** The open request asks for this instead (a newer version). */
  | { kind: 'restate'; payment: Payment; duty: AssessedDutyRecord }
  /** An open request for a difference that a lower assessment no longer owes. */
  | { kind: 'cancel'; payment: Payment };

const NOTHING: AssessedDutyRecord = { dutyMinor: 0, vatMinor: 0, totalMinor: 0 };

/** The _id of a declaration's n-th payment request: a UUID derived from both (SHA-1 name-based, v5 layout). */
export function paymentIdOf(declarationId: string, sequence: number): string {
  const hash = createHash('sha1').update(`tongguan/payment/${declarationId}#${sequence}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The duties and taxes a settled payment collected: the tax lines of its receipt. */
export function collected(payment: Pick<Payment, 'status' | 'receipt'>): AssessedDutyRecord {
  if (payment.status !== 'settled' || !payment.receipt) return NOTHING;
  return dutyOf({ lines: payment.receipt.lines } as Pick<Payment, 'duty' | 'lines'>);
}

/** What the declaration's settled payments collected, tax by tax. */
export function settledDuty(payments: readonly Pick<Payment, 'status' | 'receipt'>[]): AssessedDutyRecord {
  return payments.map(collected).reduce(
    (sum, d) => ({
      dutyMinor: sum.dutyMinor + d.dutyMinor,
      vatMinor: sum.vatMinor + d.vatMinor,
      totalMinor: sum.totalMinor + d.totalMinor,
    }),
    NOTHING,
  );
}

/**
 * What the assessment still lacks after what was settled: in all, the assessed total less the settled
 * total (never below zero), billed tax by tax where each tax went up — a tax that went down only
 * lowers the sum, it is never a negative line.
 */
export function difference(assessed: AssessedDutyRecord, settled: AssessedDutyRecord): AssessedDutyRecord {
  let left = Math.max(0, assessed.totalMinor - settled.totalMinor);
  const totalMinor = left;
  const take = (increase: number) => {
    const part = Math.min(Math.max(0, increase), left);
    left -= part;
    return part;
  };
  const dutyMinor = take(assessed.dutyMinor - settled.dutyMinor);
  const vatMinor = take(assessed.vatMinor - settled.vatMinor);
  // the rest is other assessed taxes (total above duty + VAT), which the bill itemises as such
  return { dutyMinor, vatMinor, totalMinor };
}

/** The request a declaration's assessment calls for, given its payment requests so far. */
export function dueFor(assessment: Assessment, payments: readonly Payment[]): Due {
  if (payments.length === 0) return { kind: 'request', sequence: 1, duty: assessment.duty };
  // a withdrawn declaration owes nothing (its requests were cancelled)
  if (payments.every((p) => p.status === 'cancelled')) return { kind: 'none' };
  const latest = Math.max(...payments.map((p) => p.declarationVersion ?? 1));
  // an older version's assessment (a late redelivery) restates nothing
  if (assessment.version < latest) return { kind: 'none' };
  const owed = difference(assessment.duty, settledDuty(payments));
  const open = payments.find((p) => p.status === 'requested');
  if (open) {
    // a version is assessed once: its repeat, or its re-announcement while a request is open, changes nothing
    if (assessment.version <= (open.declarationVersion ?? 1)) return { kind: 'none' };
    if ((open.sequence ?? 1) > 1 && owed.totalMinor === 0) return { kind: 'cancel', payment: open };
    return { kind: 'restate', payment: open, duty: owed };
  }
  if (owed.totalMinor === 0) return { kind: 'none' };
  return { kind: 'request', sequence: payments.length + 1, duty: owed };
}
