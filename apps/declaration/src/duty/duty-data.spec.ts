import { customsDate, loadExchangeRates, parseExchangeRates, rateOn } from './exchange-rates';
import { loadTariff, parseTariff } from './tariff';

describe('tariff data', () => {
  it('ships ad valorem, specific and compound headings and VAT overrides', () => {
    const tariff = loadTariff();
    expect(tariff.vatRate).toBe(0.13);
    expect(tariff.headings.get('8703')).toMatchObject({ adValoremRate: 0.15 });
    expect(tariff.headings.get('0207')).toMatchObject({ specificDuty: { unit: 'KGM' }, vatRate: 0.09 });
    expect(tariff.headings.get('2204')).toMatchObject({ adValoremRate: 0.05, specificDuty: { unit: 'LTR' } });
  });

  it('a tariff file with several problems reports every one of them, with its path', () => {
    const raw = {
      vatRate: 1.3,
      headings: {
        '87': { description: 'cars', adValoremRate: 0.15 },
        '0303': { description: 'fish', specificDuty: { fenPerUnit: 1.5, unit: 'KG' } },
        '2204': { description: 'wine' },
        '0201': { description: 'beef', adValoremRate: -1, dutyRate: 0.2 },
      },
      currency: 'CNY',
    };
    expect(() => parseTariff(raw, 'TARIFF_FILE (test)')).toThrow(/^TARIFF_FILE \(test\) invalid:/);
    const problems = problemsOf(() => parseTariff(raw)).map((line) => line.split(':')[0]);
    expect(problems).toEqual(
      [
        'currency',
        'headings.0201.adValoremRate',
        'headings.0201.dutyRate',
        'headings.0303.specificDuty.fenPerUnit',
        'headings.0303.specificDuty.unit',
        'headings.2204',
        'headings.87',
        'vatRate',
      ].sort(),
    );
  });

  it('a tariff file without headings says so', () => {
    expect(problemsOf(() => parseTariff({ vatRate: 0.13 }))).toEqual([
      'headings: headings must be an object keyed by HS heading',
    ]);
  });
});

describe('dated exchange rates', () => {
  const table = parseExchangeRates({
    base: 'CNY',
    utcOffsetMinutes: 480,
    rates: {
      CNY: [{ validFrom: '2000-01-01', rate: 1 }],
      USD: [
        { validFrom: '2026-01-01', rate: 7.12 },
        { validFrom: '2026-02-01', rate: 7.2 },
      ],
    },
  });

  it('applies the latest rate whose validFrom is on or before the customs (UTC+8) date', () => {
    expect(rateOn(table, 'USD', new Date('2026-01-31T15:59:59Z'))).toEqual({
      currency: 'USD',
      rate: 7.12,
      validFrom: '2026-01-01',
    });
    expect(rateOn(table, 'USD', new Date('2026-01-31T16:00:00Z'))?.rate).toBe(7.2);
    expect(rateOn(table, 'USD', new Date('2027-06-30T00:00:00Z'))?.rate).toBe(7.2);
    expect(customsDate(table, new Date('2026-01-31T16:00:00Z'))).toBe('2026-02-01');
  });

  it('has no rate before the first entry, nor for an unlisted currency', () => {
    expect(rateOn(table, 'USD', new Date('2025-12-31T15:59:59Z'))).toBeUndefined();
    expect(rateOn(table, 'EUR', new Date('2026-03-01T00:00:00Z'))).toBeUndefined();
  });

  it('ships 2026 rates and earlier months, the base at 1', () => {
    const shipped = loadExchangeRates();
    expect(rateOn(shipped, 'EUR', new Date('2026-03-02T00:00:00Z'))).toEqual({
      currency: 'EUR',
      rate: 7.74,
      validFrom: '2026-01-01',
    });
    expect(rateOn(shipped, 'EUR', new Date('2025-12-15T00:00:00Z'))?.validFrom).toBe('2025-12-01');
    expect(rateOn(shipped, 'CNY', new Date('2026-03-02T00:00:00Z'))?.rate).toBe(1);
  });

  it('a rate file with several problems reports every one of them', () => {
    const raw = {
      base: 'USD',
      utcOffsetMinutes: 480,
      rates: {
        CNY: [{ validFrom: '2000-01-01', rate: 2 }],
        USD: [
          { validFrom: '2026-02-01', rate: 7.2 },
          { validFrom: '2026-01-01', rate: 7.12 },
          { validFrom: '2026-02-30', rate: 7.3 },
        ],
        EUR: 7.74,
        XYZ: [{ validFrom: '2026-01-01', rate: -1 }],
        GBP: [],
      },
    };
    expect(problemsOf(() => parseExchangeRates(raw))).toEqual([
      'base: base must be CNY: duty is assessed and paid in CNY',
      'rates.CNY.0.rate: the base currency converts at 1',
      'rates.EUR: each value in nested property rates must be either object or array',
      'rates.GBP: needs at least one dated rate',
      'rates.USD.1.validFrom: 2026-01-01 must come after 2026-02-01',
      'rates.USD.2.validFrom: validFrom must be a calendar date',
      'rates.XYZ.0.rate: rate must not be less than 0.000001',
      'rates.XYZ: not an ISO 4217 currency code',
    ]);
  });
});

/** The problem lines of a data-file error, sorted. */
function problemsOf(parse: () => unknown): string[] {
  try {
    parse();
  } catch (error) {
    return (error as Error).message
      .split('\n')
      .slice(1)
      .map((line) => line.trim())
      .sort();
  }
  throw new Error('the file was accepted');
}
