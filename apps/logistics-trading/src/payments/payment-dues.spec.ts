import { parsePortFeeTariff } from '../fees/port-fee-tariff';
import { difference, dueFor, paymentIdOf, settledDuty, type Assessment } from './payment-dues';
import { quotePayment } from './payment-quote';
import { newClaim, newPayment, settlement } from './payment-rules';
import type { AssessedDutyRecord, Payment } from './payment.schema';

const tariff = parsePortFeeTariff({
  tariffId: 'T-1',
  currency: 'CNY',
  utcOffsetMinutes: 480,
  fees: [{ code: 'PORT_THC', description: 'THC', basis: 'per-bill-of-lading', amountMinor: 980_00 }],
});
const at = new Date('2026-03-10T12:00:00+08:00');
const DECLARATION = 'decl-1';
// customs value 4,000 EUR, then 400,000 EUR: a hundred times the duty and VAT
const v1: AssessedDutyRecord = { dutyMinor: 3_000_00, vatMinor: 3_390_00, totalMinor: 6_390_00 };
const v2: AssessedDutyRecord = { dutyMinor: 300_000_00, vatMinor: 339_000_00, totalMinor: 639_000_00 };
const assessment = (version: number, duty: AssessedDutyRecord): Assessment => ({
  declarationId: DECLARATION,
  version,
  currency: 'CNY',
  duty,
});

function request(
  sequence: number,
  version: number,
  duty: AssessedDutyRecord,
  assessedMinor = duty.totalMinor,
) {
  const quote = quotePayment(tariff, { shipmentId: 'COSU1', currency: 'CNY', duty, sequence }, null, at);
  const subject = { paymentId: paymentIdOf(DECLARATION, sequence), declarationId: DECLARATION };
  const unsaved = newPayment(
    {
      ...subject,
      shipmentId: 'COSU1',
      importerId: 'T-1',
      currency: 'CNY',
      sequence,
      declarationVersion: version,
      assessedMinor,
      duty,
    },
    quote,
    at,
    { limitHours: 24, dueAt: new Date(at.getTime() + 24 * 3_600_000) },
  );
  return { ...unsaved, outbox: [], outboxPending: false } as Payment;
}

/** The payment settled on the figures it had when the claim was made. */
function settledAs(payment: Payment, claimedOn: Payment = payment): Payment {
  const quote = quotePayment(tariff, { ...claimedOn, duty: claimedOn.duty }, null, at);
  const claim = newClaim(claimedOn, quote, 'key-00000001', 'gateway', 'RCT-1');
  const change = settlement(claim, { paidAt: at, reference: 'LGW-1' }, at, payment.dueAt);
  return { ...payment, ...(change.set as Partial<Payment>) };
}

describe('what a declaration owes', () => {
  it('asks for the whole assessment, port fees included, in its first request', () => {
    expect(dueFor(assessment(1, v1), [])).toEqual({ kind: 'request', sequence: 1, duty: v1 });
  });

  it('restates the open request for a newer version, once; a repeat or an older version changes nothing', () => {
    const open = request(1, 1, v1);
    expect(dueFor(assessment(2, v2), [open])).toEqual({ kind: 'restate', payment: open, duty: v2 });
    expect(dueFor(assessment(1, { ...v1, totalMinor: 2 }), [open])).toEqual({ kind: 'none' });
    const restated = { ...open, declarationVersion: 2 };
    expect(dueFor(assessment(2, v2), [restated])).toEqual({ kind: 'none' });
    expect(dueFor(assessment(1, v1), [restated])).toEqual({ kind: 'none' });
  });

  it('asks for the difference when the version-1 settlement left the raised assessment short', () => {
    // settled at version 1 while the amendment was restating the request: 1% of version 2
    const paid = settledAs({ ...request(1, 1, v1), declarationVersion: 2, duty: v2 }, request(1, 1, v1));
    expect(settledDuty([paid])).toEqual(v1);
    const due = dueFor(assessment(2, v2), [paid]);
    expect(due).toEqual({
      kind: 'request',
      sequence: 2,
      duty: { dutyMinor: 297_000_00, vatMinor: 335_610_00, totalMinor: 632_610_00 },
    });
    // the difference and what was settled make exactly the assessment
    if (due.kind !== 'request') throw new Error('no request');
    expect(due.duty.totalMinor + settledDuty([paid]).totalMinor).toBe(v2.totalMinor);
    // the re-announcement while the difference is open asks nothing more; once it is settled, nothing is owed
    const supplement = request(2, 2, due.duty, v2.totalMinor);
    expect(dueFor(assessment(2, v2), [paid, supplement])).toEqual({ kind: 'none' });
    expect(dueFor(assessment(2, v2), [paid, settledAs(supplement)])).toEqual({ kind: 'none' });
  });

  it('bills no port fees on the difference', () => {
    const supplement = request(2, 2, v1);
    expect(supplement.lines.map((l) => l.code)).toEqual(['CUSTOMS_DUTY', 'IMPORT_VAT']);
    expect(supplement.totalMinor).toBe(v1.totalMinor);
  });

  it('asks nothing after a lower amendment of a settled declaration, and drops a difference no longer owed', () => {
    const paid = settledAs(request(1, 1, v2));
    expect(dueFor(assessment(2, v1), [paid])).toEqual({ kind: 'none' });
    const open = request(2, 2, { dutyMinor: 1_00, vatMinor: 0, totalMinor: 1_00 });
    expect(dueFor(assessment(3, v1), [paid, open])).toEqual({ kind: 'cancel', payment: open });
  });

  it('asks nothing of a withdrawn declaration', () => {
    expect(dueFor(assessment(2, v2), [{ ...request(1, 1, v1), status: 'cancelled' }])).toEqual({
      kind: 'none',
    });
  });

  it('derives one stable UUID per declaration and sequence', () => {
    expect(paymentIdOf('d', 1)).toBe(paymentIdOf('d', 1));
    expect(paymentIdOf('d', 1)).not.toBe(paymentIdOf('d', 2));
    expect(paymentIdOf('d', 1)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('the difference owed', () => {
  it('bills each tax that went up, never a negative line, and sums to the total owed', () => {
    const settled = { dutyMinor: 100, vatMinor: 1_000, totalMinor: 1_100 };
    expect(difference({ dutyMinor: 500, vatMinor: 900, totalMinor: 1_400 }, settled)).toEqual({
      dutyMinor: 300,
      vatMinor: 0,
      totalMinor: 300,
    });
    expect(difference({ dutyMinor: 0, vatMinor: 0, totalMinor: 50 }, { ...settled, totalMinor: 0 })).toEqual({
      dutyMinor: 0,
      vatMinor: 0,
      totalMinor: 50,
    });
    expect(difference({ dutyMinor: 1, vatMinor: 1, totalMinor: 2 }, settled).totalMinor).toBe(0);
  });
});
