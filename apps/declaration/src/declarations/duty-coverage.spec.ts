import { covers, owedMinor, settledMinor, withSettlement, type SettlementOnRecord } from './duty-coverage';

const settlement = (coveredMinor: number, over: Partial<SettlementOnRecord> = {}): SettlementOnRecord => ({
  paymentId: `pay-${coveredMinor}`,
  receiptNumber: `RCT-${coveredMinor}`,
  declarationVersion: 1,
  currency: 'CNY',
  coveredMinor,
  method: 'gateway',
  settledAt: new Date('2026-03-02T10:00:00Z'),
  ...over,
});

describe('duty coverage', () => {
  // customs value raised from 4,000 to 400,000 EUR: the version-1 settlement is 1% of the new assessment
  const v2 = { currency: 'CNY', totalMinor: 33_900_000_00 };
  const v1Paid = settlement(339_000_00);

  it('leaves a raised assessment unpaid by what the earlier version collected, to the fen', () => {
    expect(covers(v2, [v1Paid])).toBe(false);
    expect(owedMinor(v2, [v1Paid])).toBe(33_900_000_00 - 339_000_00);
    const difference = settlement(33_900_000_00 - 339_000_00, { paymentId: 'pay-2', declarationVersion: 2 });
    expect(covers(v2, [v1Paid, difference])).toBe(true);
    expect(owedMinor(v2, [v1Paid, difference])).toBe(0);
  });

  it('keeps a lowered assessment paid (the surplus is for a refund, not handled here)', () => {
    expect(covers({ currency: 'CNY', totalMinor: 100_00 }, [v1Paid])).toBe(true);
  });

  it('needs a settlement for a non-zero assessment, and none for a zero one', () => {
    expect(covers({ currency: 'CNY', totalMinor: 1 }, [])).toBe(false);
    expect(covers({ currency: 'CNY', totalMinor: 0 }, [])).toBe(true);
  });

  it('counts nothing settled in another currency', () => {
    expect(settledMinor(v2, [settlement(v2.totalMinor, { currency: 'USD' })])).toBe(0);
  });

  it('records a payment once', () => {
    expect(withSettlement([v1Paid], v1Paid)).toBeNull();
    expect(withSettlement([v1Paid], settlement(5))).toHaveLength(2);
  });
});
