import { assessDuty, minorDigits, toMinor } from './duty-calculator';
import type { ExchangeRates, Tariff } from './tariff';

const tariff: Tariff = {
  vatRate: 0.13,
  headings: {
    '8703': { description: 'cars', dutyRate: 0.15 },
    '8471': { description: 'computers', dutyRate: 0 },
  },
};
const rates: ExchangeRates = { base: 'CNY', rates: { CNY: 1, USD: 7.12, JPY: 0.0475 } };

describe('assessDuty', () => {
  it('worked example: a USD 20,000 car at 15% duty and 13% VAT', () => {
    // value 20,000.00 USD × 7.12 = 142,400.00 CNY; duty 21,360.00; VAT 13% × 163,760.00 = 21,288.80
    const result = assessDuty([{ hsCode: '870323', customsValueMinor: 2_000_000 }], 'USD', tariff, rates);
    expect(result.customsValueCnyMinor).toBe(14_240_000);
    expect(result.dutyMinor).toBe(2_136_000);
    expect(result.vatMinor).toBe(2_128_880);
    expect(result.totalMinor).toBe(4_264_880);
  });

  it('worked example: duty-free computers still pay VAT, JPY has no minor unit', () => {
    // 1,000,000 JPY × 0.0475 = 47,500.00 CNY; duty 0; VAT 6,175.00
    const result = assessDuty([{ hsCode: '84713000', customsValueMinor: 1_000_000 }], 'JPY', tariff, rates);
    expect(result.customsValueCnyMinor).toBe(4_750_000);
    expect(result.dutyMinor).toBe(0);
    expect(result.vatMinor).toBe(617_500);
  });

  it('adds up several lines, each rounded in fen', () => {
    const result = assessDuty(
      [
        { hsCode: '870323', customsValueMinor: 333 },
        { hsCode: '870324', customsValueMinor: 333 },
      ],
      'CNY',
      tariff,
      rates,
    );
    expect(result.lines.map((l) => l.dutyMinor)).toEqual([50, 50]);
    expect(result.dutyMinor).toBe(100);
  });

  it('refuses a heading outside the tariff and a currency without a rate', () => {
    expect(() => assessDuty([{ hsCode: '010121', customsValueMinor: 1 }], 'CNY', tariff, rates)).toThrow(
      /0101/,
    );
    expect(() => assessDuty([{ hsCode: '870323', customsValueMinor: 1 }], 'EUR', tariff, rates)).toThrow(
      /EUR/,
    );
  });

  it('knows minor units per currency', () => {
    expect(minorDigits('CNY')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(toMinor(12.345, 'USD')).toBe(1235);
  });
});
