import { assessDuty, type DutiableItem, type DutyData } from './duty-calculator';
import { parseExchangeRates } from './exchange-rates';
import { parseTariff } from './tariff';
import { VALUATION } from './valuation-settings';

// Worked examples on a small tariff and rate table of their own, so that the numbers below stay put
// whatever the shipped (illustrative) data says. CIF filings: the price is the customs value
// (valuation.spec.ts covers the other Incoterms).
const since = (rates: Record<string, unknown>) => [{ validFrom: '2020-01-01', ...rates }];
const tariff = parseTariff({
  vatRate: '0.13',
  lines: {
    '0201': {
      description: 'beef, fresh or chilled',
      rates: since({ adValoremRate: '0.2', vatRate: '0.09' }),
    },
    '0303': { description: 'fish, frozen', rates: since({ specificDuty: { fenPerUnit: 120, unit: 'KGM' } }) },
    '2204': {
      description: 'wine of fresh grapes',
      rates: since({ adValoremRate: '0.05', specificDuty: { fenPerUnit: 200, unit: 'LTR' } }),
    },
    '8471': { description: 'computers', rates: since({ adValoremRate: '0' }) },
    '8703': { description: 'cars', rates: since({ adValoremRate: '0.15' }) },
    '87038000': {
      description: 'electric cars',
      rates: [
        { validFrom: '2020-01-01', validTo: '2026-06-30', adValoremRate: '0.15' },
        { validFrom: '2026-07-01', adValoremRate: '0.1' },
      ],
    },
  },
});
const rates = parseExchangeRates({
  base: 'CNY',
  utcOffsetMinutes: 480,
  rates: {
    CNY: [{ validFrom: '2000-01-01', rate: '1' }],
    USD: [{ validFrom: '2026-01-01', rate: '7.12' }],
    EUR: [
      { validFrom: '2025-12-01', rate: '8.25' },
      { validFrom: '2026-01-01', rate: '7.74' },
    ],
    JPY: [{ validFrom: '2026-01-01', rate: '0.0475' }],
    AUD: [{ validFrom: '2026-01-01', rate: '4.68' }],
  },
});
const data: DutyData = { tariff, rates, valuation: VALUATION };
const CIF = { incoterm: 'CIF' };
const MARCH = new Date('2026-03-02T02:00:00Z');

const item = (hsCode: string, customsValueMinor: number, quantity: number, unit: string): DutiableItem => ({
  hsCode,
  customsValueMinor,
  quantity,
  unit,
});

describe('assessDuty, worked examples', () => {
  it('ad valorem only: a USD 20,000 car at 15% duty and 13% VAT', () => {
    // 20,000.00 USD × 7.12 = 142,400.00 CNY; duty 15% = 21,360.00; VAT 13% × 163,760.00 = 21,288.80
    const result = assessDuty([item('870323', 2_000_000, 1, 'NAR')], 'USD', CIF, data, MARCH);
    expect(result.customsValueCnyMinor).toBe(14_240_000);
    expect(result.dutyMinor).toBe(2_136_000);
    expect(result.vatMinor).toBe(2_128_880);
    expect(result.totalMinor).toBe(4_264_880);
    expect(result.lines[0]).toEqual({
      hsCode: '870323',
      tariffCode: '8703',
      ratesValidFrom: '2020-01-01',
      priceCnyMinor: 14_240_000,
      additionsCnyMinor: 0,
      customsValueCnyMinor: 14_240_000,
      basis: {
        rate: 'general',
        regime: { code: '1', name: 'Levied as the tariff says', dutyShare: '1', vatLevied: true },
        explanation: 'general rate',
      },
      adValoremRate: '0.15',
      dutyMinor: 2_136_000,
      vatRate: '0.13',
      vatMinor: 2_128_880,
    });
  });

  it('specific only: 2,900 kg of frozen fish at 1.20 CNY per kg, whatever its value', () => {
    // 18,000.00 EUR × 7.74 = 139,320.00 CNY; duty 2,900 kg × 120 fen = 3,480.00; VAT 13% × 142,800.00 = 18,564.00
    const result = assessDuty([item('030389', 1_800_000, 2900, 'KGM')], 'EUR', CIF, data, MARCH);
    expect(result.customsValueCnyMinor).toBe(13_932_000);
    expect(result.dutyMinor).toBe(348_000);
    expect(result.vatMinor).toBe(1_856_400);
    expect(result.totalMinor).toBe(2_204_400);
    expect(result.lines[0].specificDuty).toEqual({ fenPerUnit: 120, unit: 'KGM', quantity: 2900 });
    expect(result.lines[0].adValoremRate).toBeUndefined();
  });

  it('compound: 9,000 litres of wine at 5% plus 2.00 CNY per litre', () => {
    // 60,000.00 AUD × 4.68 = 280,800.00 CNY; duty 5% = 14,040.00 + 9,000 l × 200 fen = 18,000.00 → 32,040.00
    // VAT 13% × 312,840.00 = 40,669.20
    const result = assessDuty([item('220421', 6_000_000, 9000, 'LTR')], 'AUD', CIF, data, MARCH);
    expect(result.customsValueCnyMinor).toBe(28_080_000);
    expect(result.dutyMinor).toBe(3_204_000);
    expect(result.vatMinor).toBe(4_066_920);
    expect(result.totalMinor).toBe(7_270_920);
  });

  it('VAT override: beef pays 9% VAT, a computer on the same filing the standard 13%', () => {
    // beef 100,000.00 CNY: duty 20% = 20,000.00; VAT 9% × 120,000.00 = 10,800.00
    // computer 10,000.00 CNY: duty 0; VAT 13% × 10,000.00 = 1,300.00
    const result = assessDuty(
      [item('020130', 10_000_000, 5000, 'KGM'), item('847130', 1_000_000, 1, 'NAR')],
      'CNY',
      CIF,
      data,
      MARCH,
    );
    expect(result.lines.map((l) => [l.vatRate, l.dutyMinor, l.vatMinor])).toEqual([
      ['0.09', 2_000_000, 1_080_000],
      ['0.13', 0, 130_000],
    ]);
    expect(result.vatMinor).toBe(1_210_000);
    expect(result.totalMinor).toBe(3_210_000);
    expect(result.exchangeRate).toEqual({ currency: 'CNY', rate: '1', validFrom: '2000-01-01' });
  });

  it('JPY has no minor unit: 1,000,000 yen of duty-free computers still pay VAT', () => {
    // 1,000,000 JPY × 0.0475 = 47,500.00 CNY; duty 0; VAT 13% = 6,175.00
    const result = assessDuty([item('84713000', 1_000_000, 10, 'NAR')], 'JPY', CIF, data, MARCH);
    expect(result.customsValueCnyMinor).toBe(4_750_000);
    expect(result.dutyMinor).toBe(0);
    expect(result.vatMinor).toBe(617_500);
  });

  it('a change of exchange rate: the same filing assessed either side of midnight 1 January (Beijing) differs', () => {
    const car = [item('870323', 4_000_000, 2, 'NAR')]; // EUR 40,000.00
    // 31 Dec 23:59:59 in Beijing: 40,000.00 × 8.25 = 330,000.00; duty 49,500.00; VAT 13% × 379,500.00 = 49,335.00
    const before = assessDuty(car, 'EUR', CIF, data, new Date('2025-12-31T15:59:59Z'));
    // 1 Jan 00:00 in Beijing: 40,000.00 × 7.74 = 309,600.00; duty 46,440.00; VAT 13% × 356,040.00 = 46,285.20
    const after = assessDuty(car, 'EUR', CIF, data, new Date('2025-12-31T16:00:00Z'));
    expect(before).toMatchObject({
      assessedOn: '2025-12-31',
      exchangeRate: { currency: 'EUR', rate: '8.25', validFrom: '2025-12-01' },
      customsValueCnyMinor: 33_000_000,
      dutyMinor: 4_950_000,
      vatMinor: 4_933_500,
      totalMinor: 9_883_500,
    });
    expect(after).toMatchObject({
      assessedOn: '2026-01-01',
      exchangeRate: { currency: 'EUR', rate: '7.74', validFrom: '2026-01-01' },
      customsValueCnyMinor: 30_960_000,
      dutyMinor: 4_644_000,
      vatMinor: 4_628_520,
      totalMinor: 9_272_520,
    });
  });

  it('rounds each line to the fen, half up, and adds the rounded lines', () => {
    // 3.33 CNY × 15% = 49.95 fen: 50 on each line; 12.345 kg × 120 fen = 1,481.4 fen: 1,481
    const result = assessDuty(
      [item('870323', 333, 1, 'NAR'), item('870324', 333, 1, 'NAR'), item('030389', 0, 12.345, 'KGM')],
      'CNY',
      CIF,
      data,
      MARCH,
    );
    expect(result.lines.map((l) => l.dutyMinor)).toEqual([50, 50, 1481]);
    expect(result.dutyMinor).toBe(1581);
  });

  it('rounds half up on the paper value, not on its binary floating-point neighbour', () => {
    // EUR 35.25 × 7.74 = CNY 272.835 exactly, but 27,283.4999… fen in floating point: 27,284 fen
    const result = assessDuty([item('870323', 3525, 1, 'NAR')], 'EUR', CIF, data, MARCH);
    expect(result.customsValueCnyMinor).toBe(27_284);
  });

  it('refuses what the filing rules let through only by mistake: unknown heading, no rate, wrong unit', () => {
    expect(() => assessDuty([item('010121', 1, 1, 'NAR')], 'CNY', CIF, data, MARCH)).toThrow(/010121/);
    expect(() => assessDuty([item('870323', 1, 1, 'NAR')], 'GBP', CIF, data, MARCH)).toThrow(/GBP/);
    expect(() =>
      assessDuty([item('870323', 1, 1, 'NAR')], 'USD', CIF, data, new Date('2025-12-15T00:00:00Z')),
    ).toThrow(/USD on 2025-12-15/);
    expect(() => assessDuty([item('030389', 1, 1, 'NAR')], 'CNY', CIF, data, MARCH)).toThrow(/per KGM/);
  });

  it('a change of tariff rate applies by the customs date: two filings either side of 1 July (Beijing)', () => {
    const car = [item('87038000', 2_000_000, 1, 'NAR')]; // USD 20,000.00 = CNY 142,400.00
    const before = assessDuty(car, 'USD', CIF, data, new Date('2026-06-30T15:59:59Z'));
    const after = assessDuty(car, 'USD', CIF, data, new Date('2026-06-30T16:00:00Z'));
    expect(before.lines[0]).toMatchObject({
      tariffCode: '87038000',
      ratesValidFrom: '2020-01-01',
      adValoremRate: '0.15',
    });
    expect(before.dutyMinor).toBe(2_136_000);
    expect(after.lines[0]).toMatchObject({ ratesValidFrom: '2026-07-01', adValoremRate: '0.1' });
    expect(after.dutyMinor).toBe(1_424_000);
    // a car of another line of the heading keeps the heading's rate
    expect(
      assessDuty([item('87032341', 2_000_000, 1, 'NAR')], 'USD', CIF, data, MARCH).lines[0],
    ).toMatchObject({
      tariffCode: '8703',
      adValoremRate: '0.15',
    });
  });
});
