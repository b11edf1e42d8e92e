import type { Principal } from '@tongguan/auth';
import { parsePortFeeTariff } from '../fees/port-fee-tariff';
import type { DomainError } from '@tongguan/platform';
import { quotePayment } from './payment-quote';
import {
  cancellation,
  dutyOf,
  newClaim,
  newPayment,
  replayOrRefuse,
  restatement,
  settlement,
  settlementStart,
  visibleTo,
} from './payment-rules';
import type { Payment, SettlementClaim } from './payment.schema';

const tariff = parsePortFeeTariff({
  tariffId: 'T-1',
  currency: 'CNY',
  utcOffsetMinutes: 480,
  fees: [
    {
      code: 'PORT_THC',
      description: 'Terminal handling charge',
      basis: 'per-bill-of-lading',
      amountMinor: 980_00,
    },
  ],
});
const duty = { dutyMinor: 100_00, vatMinor: 200_00, totalMinor: 300_00 };
const requestedAt = new Date('2026-03-10T12:00:00+08:00');
const quoteOf = (d = duty, at = requestedAt) =>
  quotePayment(tariff, { shipmentId: 'COSU6182736450', currency: 'CNY', duty: d }, null, at);

function aPayment(overrides: Partial<Payment> = {}): Payment {
  const request = {
    paymentId: 'pay-1',
    declarationId: 'decl-1',
    shipmentId: 'COSU6182736450',
    importerId: 'TRADER-1',
    currency: 'CNY',
    sequence: 1,
    declarationVersion: 1,
    assessedMinor: duty.totalMinor,
    duty,
  };
  const limit = { limitHours: 24, dueAt: new Date(requestedAt.getTime() + 24 * 3_600_000) };
  return {
    ...newPayment(request, quoteOf(), requestedAt, limit),
    outbox: [],
    outboxPending: false,
    ...overrides,
  };
}

const claimOf = (key = 'key-00000001', method: 'gateway' | 'guarantee' = 'gateway'): SettlementClaim =>
  newClaim(aPayment(), quoteOf(), key, method, 'RCT-20260310-0000000001');

function settled(key = 'key-00000001', method: 'gateway' | 'guarantee' = 'gateway'): Payment {
  const paid = { paidAt: requestedAt, reference: 'LGW-1' };
  const change = settlement(claimOf(key, method), paid, requestedAt, aPayment().dueAt);
  return { ...aPayment(), ...(change.set as Partial<Payment>) };
}

/** The code of the refusal `fn` throws. */
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return ((error as DomainError).getResponse() as { code: string }).code;
  }
  return 'no refusal';
}

describe('a payment request', () => {
  it('bills the assessed duty and the port fees as quoted, once per declaration version 1', () => {
    const payment = aPayment();
    expect(payment).toMatchObject({
      _id: 'pay-1',
      declarationId: 'decl-1',
      status: 'requested',
      declarationVersion: 1,
      totalMinor: 300_00 + 980_00,
      requestedAt,
    });
    expect(payment.lines.map((l) => l.code)).toEqual(['CUSTOMS_DUTY', 'IMPORT_VAT', 'PORT_THC']);
  });

  it('reads the duty of a request stored before the duty was kept back from its tax lines', () => {
    const legacy = { ...aPayment(), duty: undefined as unknown as Payment['duty'] };
    expect(dutyOf(legacy)).toEqual(duty);
  });
});

describe('restating after an amendment', () => {
  const amended = {
    version: 2,
    currency: 'CNY',
    assessedMinor: 150_00,
    duty: { dutyMinor: 50_00, vatMinor: 100_00, totalMinor: 150_00 },
  };

  it('restates an unpaid request with the new amounts and version', () => {
    const change = restatement(aPayment(), amended, quoteOf(amended.duty));
    expect(change?.set).toMatchObject({
      declarationVersion: 2,
      assessedMinor: 150_00,
      totalMinor: 150_00 + 980_00,
    });
  });

  it('restates once per version: the same or an older version changes nothing', () => {
    const restated = aPayment({ declarationVersion: 2 });
    expect(restatement(restated, amended, quoteOf(amended.duty))).toBeNull();
    expect(restatement(restated, { ...amended, version: 1 }, quoteOf(amended.duty))).toBeNull();
  });

  it('leaves a settled or cancelled payment as it is', () => {
    expect(restatement(settled(), amended, quoteOf(amended.duty))).toBeNull();
    expect(restatement(aPayment({ status: 'cancelled' }), amended, quoteOf(amended.duty))).toBeNull();
  });
});

describe('cancelling after a withdrawal', () => {
  it('cancels an unpaid request, and only that', () => {
    expect(cancellation(aPayment(), requestedAt)?.set).toEqual({
      status: 'cancelled',
      cancelledAt: requestedAt,
    });
    expect(cancellation(settled(), requestedAt)).toBeNull();
    expect(cancellation(aPayment({ status: 'cancelled' }), requestedAt)).toBeNull();
  });
});

describe('what a settlement may do', () => {
  it('claims an unpaid payment with nothing under way', () => {
    expect(settlementStart(aPayment(), 'key-00000001', 'gateway')).toEqual({ kind: 'claim' });
  });

  it('resumes the claim under the same key, and refuses another key or the same key with another method', () => {
    const busy = aPayment({ pendingSettlement: claimOf() });
    expect(settlementStart(busy, 'key-00000001', 'gateway')).toEqual({ kind: 'resume', claim: claimOf() });
    expect(codeOf(() => settlementStart(busy, 'key-00000002', 'gateway'))).toBe(
      'PAYMENT.SETTLEMENT_IN_PROGRESS',
    );
    expect(codeOf(() => settlementStart(busy, 'key-00000001', 'guarantee'))).toBe(
      'PAYMENT.IDEMPOTENCY_KEY_REUSED',
    );
  });

  it('replays the receipt of a settled payment to its key, and refuses another key', () => {
    const start = settlementStart(settled(), 'key-00000001', 'gateway');
    expect(start).toMatchObject({ kind: 'replay', receipt: { receiptNumber: 'RCT-20260310-0000000001' } });
    expect(codeOf(() => settlementStart(settled(), 'key-00000002', 'gateway'))).toBe(
      'PAYMENT.ALREADY_SETTLED',
    );
    expect(codeOf(() => settlementStart(settled(), 'key-00000001', 'guarantee'))).toBe(
      'PAYMENT.IDEMPOTENCY_KEY_REUSED',
    );
  });

  it('refuses to settle a cancelled payment', () => {
    expect(codeOf(() => settlementStart(aPayment({ status: 'cancelled' }), 'key-00000001', 'gateway'))).toBe(
      'PAYMENT.CANCELLED',
    );
  });

  it('records the claimed figures on the receipt and frees the claim', () => {
    const claim = newClaim(aPayment(), quoteOf(), 'key-00000001', 'guarantee', 'RCT-1', 'BG-1');
    const guarantee = { guaranteeNumber: 'BG-1', aeoCertificate: 'AEO-CN-1', bank: 'Bank' };
    const paid = { paidAt: requestedAt, reference: 'BG-1', guarantee };
    const change = settlement(claim, paid, requestedAt, aPayment().dueAt);
    expect(change.unset).toEqual(['pendingSettlement']);
    expect(change.set).toMatchObject({
      status: 'settled',
      receiptNumber: 'RCT-1',
      settlementKey: 'key-00000001',
      settledWithinLimit: true,
      receipt: {
        number: 'RCT-1',
        method: 'guarantee',
        totalMinor: 300_00 + 980_00,
        guarantee,
        declarationVersion: 1,
        assessedMinor: 300_00,
      },
    });
    expect(change.set?.receipt).not.toHaveProperty('key');
    expect(change.set?.receipt).not.toHaveProperty('guaranteeNumber');
  });

  it("says a settlement after the request's dueAt came late, and leaves it unsaid for a request without one", () => {
    const paid = { paidAt: requestedAt, reference: 'LGW-1' };
    const late = new Date(aPayment().dueAt!.getTime() + 1000);
    expect(settlement(claimOf(), paid, late, aPayment().dueAt).set).toMatchObject({
      settledWithinLimit: false,
    });
    expect(settlement(claimOf(), paid, late, undefined).set).not.toHaveProperty('settledWithinLimit');
  });

  it('answers no receipt for a payment whose settlement did not complete', () => {
    expect(codeOf(() => replayOrRefuse(aPayment(), 'key-00000001', 'gateway'))).toBe('PAYMENT.NOT_SETTLED');
  });
});

describe('who sees a payment', () => {
  const as = (role: Principal['role'], party: string): Principal => ({ subject: party, role, party });
  it('shows an importer its own payments only, and customs and ops every one', () => {
    expect(visibleTo(aPayment(), as('importer', 'TRADER-1'))).toBe(true);
    expect(visibleTo(aPayment(), as('importer', 'TRADER-2'))).toBe(false);
    expect(visibleTo(aPayment(), as('customs', 'GACC'))).toBe(true);
    expect(visibleTo(aPayment(), as('ops', 'OPS'))).toBe(true);
  });
});

describe('who sees a payment', () => {
  const owned = { importerId: 'EXPORTER-1' };
  const as = (role: Principal['role'], party: string): Principal => ({ subject: party, role, party });
  it('shows a trader its own requests only: the importer, or the exporter paying export duty', () => {
    expect(visibleTo(owned, as('exporter', 'EXPORTER-1'))).toBe(true);
    expect(visibleTo(owned, as('exporter', 'EXPORTER-2'))).toBe(false);
    expect(visibleTo(owned, as('importer', 'TRADER-1'))).toBe(false);
    expect(visibleTo(owned, as('customs', 'CUSTOMS-1'))).toBe(true);
  });
});
