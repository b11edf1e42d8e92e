import {
  applyRate,
  apportion,
  dutyOf,
  fromPercent,
  includedShare,
  netOf,
  percent,
  toFen,
  toMinor,
} from './money';

describe('exact money', () => {
  it('reads amounts in the minor units ISO 4217 gives the currency, refusing extra digits', () => {
    expect(toMinor('1200.50', 'USD')).toBe(120_050);
    expect(toMinor(12.34, 'USD')).toBe(1234);
    expect(toMinor('1500', 'JPY')).toBe(1500);
    expect(toMinor('1.250', 'KWD')).toBe(1250);
    expect(toMinor('1000.25', 'IDR')).toBe(100_025);
    expect(() => toMinor('12.5', 'JPY')).toThrow(/JPY has 0 minor units/);
    expect(() => toMinor('1e3', 'USD')).toThrow(/not a non-negative decimal/);
  });

  it('converts and applies rates in integers, rounding half up once', () => {
    // 35.25 EUR × 7.74 = 272.835 CNY: a float gives 27,283.4999… fen, exact arithmetic 27,283.5 → 27,284
    expect(toFen(3525, 'EUR', '7.74')).toBe(27_284);
    expect(toFen(1_000_000, 'JPY', '0.0475')).toBe(4_750_000);
    expect(toFen(1250, 'KWD', '23.1')).toBe(2888);
    expect(applyRate(14_240_000, '0.15')).toBe(2_136_000);
    expect(applyRate(1_000_001, '0.003')).toBe(3000);
    expect(applyRate(1_000_167, '0.003')).toBe(3001);
    expect(dutyOf(1_000_000, '0.05', { fenPerUnit: 200, quantity: 9000.5 })).toBe(1_850_100);
    // 0.333 × 15 fen is 4.995 fen; with 10.005 fen ad valorem it is 15 fen, rounded once
    expect(dutyOf(667, '0.015', { fenPerUnit: 15, quantity: 0.333 })).toBe(15);
    expect(dutyOf(1_000_000, undefined, { fenPerUnit: 130, quantity: 2900 })).toBe(377_000);
  });

  it('apportions an addition so that the shares add up to it exactly', () => {
    expect(apportion(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(apportion(1000, [700, 200, 100])).toEqual([700, 200, 100]);
    expect(apportion(7, [0, 0])).toEqual([7, 0]);
  });

  it('reads declared percentages as fractions', () => {
    expect(fromPercent('0.3')).toBe('0.003');
    expect(fromPercent('5')).toBe('0.05');
    expect(fromPercent('150')).toBe('1.50');
  });

  it('shows rates as percentages', () => {
    expect(percent('0.003')).toBe('0.3%');
    expect(percent('0.15')).toBe('15%');
    expect(percent('0.065')).toBe('6.5%');
    expect(percent('1')).toBe('100%');
    expect(percent('0.0005')).toBe('0.05%');
  });

  it('takes a rate back out of a price that holds it, exactly: net and share add up to the price', () => {
    // FOB CNY 7,000.00 holding 20 % export duty: 5,833.33 (5,833.333…) and 1,166.67
    expect(netOf(700_000, '0.2')).toBe(583_333);
    expect(includedShare(700_000, '0.2')).toBe(116_667);
    // a CIF price holding 0.3 % insurance of cost and freight: 20.94 (20.937…)
    expect(includedShare(700_000, '0.003')).toBe(2_094);
    expect(netOf(1_000_001, '0')).toBe(1_000_001);
  });
});
