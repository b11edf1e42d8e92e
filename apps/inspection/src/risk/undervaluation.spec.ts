import type { RiskRules } from './risk-rules';
import { findUndervaluedItems, money } from './undervaluation';

/** A rule with one reference value and the rates given; the float version of the check erred at each of these floors. */
function rule(
  minItemValueFen: number,
  options: { ratio?: string; rates?: Record<string, string> } = {},
): RiskRules['undervaluation'] {
  return {
    ratio: options.ratio ?? '0.5',
    score: 50,
    reason: 'customs value far below the reference value',
    referenceValues: [{ hs: '8471', minItemValueFen }],
    exchangeRates: Object.entries(options.rates ?? {}).map(([currency, cnyPerUnit]) => ({
      currency,
      cnyPerUnit,
    })),
  };
}

const laptop = (customsValueMinor: number) => [{ hsCode: '847130', customsValueMinor }];

describe('undervaluation check, in exact money', () => {
  it('converts half a fen up, as the declaration service does: EUR 35.25 at 7.74 is CNY 272.84, not 272.83', () => {
    // the float product is 27,283.4999… fen; half of a CNY 545.68 floor is exactly CNY 272.84
    const atFloor = rule(54_568, { rates: { EUR: '7.74' } });
    expect(findUndervaluedItems(laptop(3525), 'EUR', atFloor).items).toEqual([]);
    expect(findUndervaluedItems(laptop(3524), 'EUR', atFloor).items).toEqual([
      'item 1, HS 847130: declared CNY 272.76 (EUR 35.24 at 7.74), below 50% of the reference CNY 545.68 for HS 8471',
    ]);
  });

  it('converts a currency without minor units exactly: JPY 170 at 0.0475 is CNY 8.08', () => {
    // 170 × 0.0475 × 100 is 807.4999… in floats, 807.5 fen exactly, rounded up to 808
    const atFloor = rule(1616, { rates: { JPY: '0.0475' } });
    expect(findUndervaluedItems(laptop(170), 'JPY', atFloor).items).toEqual([]);
    expect(findUndervaluedItems(laptop(169), 'JPY', atFloor).items).toEqual([
      'item 1, HS 847130: declared CNY 8.03 (JPY 169 at 0.0475), below 50% of the reference CNY 16.16 for HS 8471',
    ]);
  });

  it('converts a currency with three minor digits exactly: BHD 0.150 at 18.9 is CNY 2.84', () => {
    const atFloor = rule(568, { rates: { BHD: '18.9' } });
    expect(findUndervaluedItems(laptop(150), 'BHD', atFloor).items).toEqual([]);
    expect(findUndervaluedItems(laptop(149), 'BHD', atFloor).items).toEqual([
      'item 1, HS 847130: declared CNY 2.82 (BHD 0.149 at 18.9), below 50% of the reference CNY 5.68 for HS 8471',
    ]);
  });

  it('applies the ratio exactly: a value of exactly 7% of the floor is not below 7% of it', () => {
    // 0.07 × 10,000,000 is 700,000.0000000001 in floats, which put CNY 7,000.00 below its own floor
    const sevenPercent = rule(10_000_000, { ratio: '0.07' });
    expect(findUndervaluedItems(laptop(700_000), 'CNY', sevenPercent).items).toEqual([]);
    expect(findUndervaluedItems(laptop(699_999), 'CNY', sevenPercent).items[0]).toContain(
      'declared CNY 6,999.99, below 7% of the reference CNY 100,000.00',
    );
    // a ratio finer than a percent is shown as it is, not rounded to a whole percent
    expect(findUndervaluedItems(laptop(1), 'CNY', rule(10_000_000, { ratio: '0.125' })).items[0]).toContain(
      'below 12.5% of the reference',
    );
  });

  it('compares values beyond a safe integer of fen without losing digits', () => {
    const huge = Number.MAX_SAFE_INTEGER; // minor units of KRW: 0 digits
    const findings = findUndervaluedItems(laptop(huge), 'KRW', rule(100, { rates: { KRW: '1000' } }));
    expect(findings.items).toEqual([]);
  });

  it('writes amounts from their digits, grouped by thousands', () => {
    expect(money(0, 'CNY')).toBe('CNY 0.00');
    expect(money(5, 'CNY')).toBe('CNY 0.05');
    expect(money(123_456_789, 'CNY')).toBe('CNY 1,234,567.89');
    expect(money(1_000_000, 'JPY')).toBe('JPY 1,000,000');
    expect(money(1250, 'KWD')).toBe('KWD 1.250');
    expect(money(9_007_199_254_740_993n, 'CNY')).toBe('CNY 90,071,992,547,409.93');
  });
});
