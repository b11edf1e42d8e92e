import { customsDate, loadExchangeRates, parseExchangeRates, rateOn } from './exchange-rates';
import { loadTariff, parseTariff, ratesOn } from './tariff';

describe('tariff data', () => {
  it('ships ad valorem, specific and compound lines, VAT overrides and export rates', () => {
    const tariff = loadTariff();
    const on = (hsCode: string, day = '2026-03-02') => ratesOn(tariff, hsCode, day);
    expect(tariff.vatRate).toBe('0.13');
    expect(tariff.lines.size).toBeGreaterThan(60);
    expect(on('870323')).toMatchObject({ tariffCode: '8703', adValoremRate: '0.15' });
    expect(on('87032341')).toMatchObject({ tariffCode: '87032341', adValoremRate: '0.15' });
    expect(on('8703231990')).toMatchObject({ tariffCode: '8703' });
    expect(on('020714')).toMatchObject({ specificDuty: { unit: 'KGM' }, vatRate: '0.09' });
    expect(on('220421')).toMatchObject({ adValoremRate: '0.05', specificDuty: { unit: 'LTR' } });
    expect(on('72022100')).toMatchObject({ exportRate: '0.25' });
    expect(on('999999')).toBeUndefined();
  });

  it("the cars' cut of 1 July 2018 applies by the customs date: 25% the day before, 15% from that day", () => {
    const tariff = loadTariff();
    expect(ratesOn(tariff, '87032341', '2018-06-30')).toMatchObject({
      adValoremRate: '0.25',
      validTo: '2018-06-30',
    });
    expect(ratesOn(tariff, '87032341', '2018-07-01')).toMatchObject({
      adValoremRate: '0.15',
      validFrom: '2018-07-01',
    });
    expect(ratesOn(tariff, '87032341', '2006-06-30')).toBeUndefined();
  });

  it('a tariff file with several problems reports every one of them, with its path', () => {
    const raw = {
      vatRate: 0.13,
      lines: {
        '87': { description: 'cars', rates: [{ validFrom: '2020-01-01', adValoremRate: '0.15' }] },
        '0303': {
          description: 'fish',
          rates: [{ validFrom: '2020-01-01', specificDuty: { fenPerUnit: 1.5, unit: 'KG' } }],
        },
        '2204': { description: 'wine', rates: [{ validFrom: '2020-01-01' }] },
        '0201': {
          description: 'beef',
          rates: [{ validFrom: '2020-01-01', adValoremRate: '-1', dutyRate: '0.2' }],
        },
        '8471': { description: 'computers', rates: [] },
        '8703': {
          description: 'cars',
          rates: [
            { validFrom: '2018-07-01', adValoremRate: '0.15' },
            { validFrom: '2026-01-01', validTo: '2025-12-31', adValoremRate: '0.1', vatRate: '1.3' },
          ],
        },
        '8517': {
          description: 'phones',
          rates: [
            { validFrom: '2018-07-01', validTo: '2026-01-01', adValoremRate: '0' },
            { validFrom: '2026-01-01', adValoremRate: '0.01' },
          ],
        },
      },
      currency: 'CNY',
    };
    expect(() => parseTariff(raw, 'TARIFF_FILE (test)')).toThrow(/^TARIFF_FILE \(test\) invalid:/);
    expect(
      problemsOf(() => parseTariff(raw))
        .map((line) => line.split(':')[0])
        .sort(),
    ).toEqual(
      [
        'currency',
        'lines.0201.rates.0.adValoremRate',
        'lines.0201.rates.0.dutyRate',
        'lines.0303.rates.0.specificDuty.fenPerUnit',
        'lines.0303.rates.0.specificDuty.unit',
        'lines.2204.rates.0',
        'lines.8471.rates',
        'lines.87',
        'lines.8517.rates.1.validFrom',
        'lines.8703.rates.1.validFrom',
        'lines.8703.rates.1.validTo',
        'lines.8703.rates.1.vatRate',
        'vatRate',
      ].sort(),
    );
  });

  it('a tariff file without lines says so', () => {
    expect(problemsOf(() => parseTariff({ vatRate: '0.13' }))).toEqual([
      'lines: lines must be an object keyed by tariff code',
    ]);
  });
});

describe('dated exchange rates', () => {
  const table = parseExchangeRates({
    base: 'CNY',
    utcOffsetMinutes: 480,
    rates: {
      CNY: [{ validFrom: '2000-01-01', rate: '1' }],
      USD: [
        { validFrom: '2026-01-01', rate: '7.12' },
        { validFrom: '2026-02-01', rate: '7.2' },
      ],
    },
  });

  it('applies the latest rate whose validFrom is on or before the customs (UTC+8) date', () => {
    expect(rateOn(table, 'USD', new Date('2026-01-31T15:59:59Z'))).toEqual({
      currency: 'USD',
      rate: '7.12',
      validFrom: '2026-01-01',
    });
    expect(rateOn(table, 'USD', new Date('2026-01-31T16:00:00Z'))?.rate).toBe('7.2');
    expect(rateOn(table, 'USD', new Date('2027-06-30T00:00:00Z'))?.rate).toBe('7.2');
    expect(customsDate(table, new Date('2026-01-31T16:00:00Z'))).toBe('2026-02-01');
  });

  it('a rate with validTo ends that day: none after it until the next entry', () => {
    const monthly = parseExchangeRates({
      base: 'CNY',
      utcOffsetMinutes: 480,
      rates: {
        CNY: [{ validFrom: '2000-01-01', rate: '1' }],
        GBP: [
          { validFrom: '2026-01-01', validTo: '2026-01-31', rate: '9.05' },
          { validFrom: '2026-03-01', validTo: '2026-03-31', rate: '9.1' },
        ],
      },
    });
    expect(rateOn(monthly, 'GBP', new Date('2026-01-31T15:59:59Z'))).toEqual({
      currency: 'GBP',
      rate: '9.05',
      validFrom: '2026-01-01',
      validTo: '2026-01-31',
    });
    expect(rateOn(monthly, 'GBP', new Date('2026-01-31T16:00:00Z'))).toBeUndefined();
    expect(rateOn(monthly, 'GBP', new Date('2026-03-15T00:00:00Z'))?.rate).toBe('9.1');
    expect(rateOn(monthly, 'GBP', new Date('2026-04-01T00:00:00Z'))).toBeUndefined();
  });

  it('has no rate before the first entry, nor for an unlisted currency', () => {
    expect(rateOn(table, 'USD', new Date('2025-12-31T15:59:59Z'))).toBeUndefined();
    expect(rateOn(table, 'EUR', new Date('2026-03-01T00:00:00Z'))).toBeUndefined();
  });

  it('ships 2026 rates and earlier months, the base at 1', () => {
    const shipped = loadExchangeRates();
    expect(rateOn(shipped, 'EUR', new Date('2026-03-02T00:00:00Z'))).toEqual({
      currency: 'EUR',
      rate: '7.74',
      validFrom: '2026-01-01',
    });
    expect(rateOn(shipped, 'EUR', new Date('2025-12-15T00:00:00Z'))?.validFrom).toBe('2025-12-01');
    expect(rateOn(shipped, 'CNY', new Date('2026-03-02T00:00:00Z'))?.rate).toBe('1');
  });

  it('a rate file with several problems reports every one of them', () => {
    const raw = {
      base: 'USD',
      utcOffsetMinutes: 480,
      rates: {
        CNY: [{ validFrom: '2000-01-01', rate: '2' }],
        USD: [
          { validFrom: '2026-02-01', rate: '7.2' },
          { validFrom: '2026-01-01', rate: '7.12' },
          { validFrom: '2026-02-30', rate: '7.3' },
        ],
        EUR: '7.74',
        XYZ: [{ validFrom: '2026-01-01', rate: '-1' }],
        JPY: [{ validFrom: '2026-01-01', rate: 0.0475 }],
        HKD: [
          { validFrom: '2026-01-01', validTo: '2026-02-10', rate: '0.91' },
          { validFrom: '2026-02-01', validTo: '2026-01-31', rate: '0.92' },
        ],
        GBP: [],
      },
    };
    expect(problemsOf(() => parseExchangeRates(raw))).toEqual([
      'base: base must be CNY: duty is assessed and paid in CNY',
      'rates.CNY.0.rate: the base currency converts at 1',
      'rates.EUR: each value in nested property rates must be either object or array',
      'rates.GBP: needs at least one dated rate',
      'rates.HKD.1.validFrom: 2026-02-01 overlaps the previous rate, in force to 2026-02-10',
      'rates.HKD.1.validTo: 2026-01-31 is before validFrom',
      'rates.JPY.0.rate: rate must be a decimal written as a string, e.g. "7.12"',
      'rates.USD.1.validFrom: 2026-01-01 must come after 2026-02-01',
      'rates.USD.2.validFrom: validFrom must be a calendar date',
      'rates.XYZ.0.rate: rate must be a decimal written as a string, e.g. "7.12"',
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
