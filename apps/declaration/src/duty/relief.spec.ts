import { assessDuty, type DutiableItem, type DutyData } from './duty-calculator';
import { parseExchangeRates } from './exchange-rates';
import { reliefProblems } from './relief';
import { parseTariff, ratesOn } from './tariff';
import { VALUATION } from './valuation-settings';

// A tariff of its own so the worked numbers stay put: fish at 10 % general, 0 under the China-New
// Zealand FTA (10) and 5 % under RCEP (22); wine compound in general, 0 under the China-Chile FTA (08).
const since = (rates: Record<string, unknown>) => [{ validFrom: '2020-01-01', ...rates }];
const tariff = parseTariff({
  vatRate: '0.13',
  lines: {
    '0303': {
      description: 'fish, frozen',
      rates: since({ adValoremRate: '0.1', vatRate: '0.09', agreementRates: { '10': '0', '22': '0.05' } }),
    },
    '2204': {
      description: 'wine',
      rates: since({
        adValoremRate: '0.05',
        specificDuty: { fenPerUnit: 200, unit: 'LTR' },
        agreementRates: { '08': '0' },
      }),
    },
    '8703': { description: 'cars', rates: since({ adValoremRate: '0.15', agreementRates: { '22': '0.2' } }) },
  },
});
const rates = parseExchangeRates({
  base: 'CNY',
  utcOffsetMinutes: 480,
  rates: { CNY: [{ validFrom: '2000-01-01', rate: '1' }] },
});
const data: DutyData = { tariff, rates, valuation: VALUATION };
const CIF = { incoterm: 'CIF' };
const MARCH = new Date('2026-03-02T02:00:00Z');
const CERTIFICATE = { code: 'Y', number: 'NZ-COO-2026-0042' };
const APPROVAL = { code: 'Z', number: 'Z44032600123' };

// CNY 100,000.00 of fish from New Zealand
const fish = (overrides: Partial<DutiableItem> = {}): DutiableItem => ({
  hsCode: '0303899000',
  customsValueMinor: 10_000_000,
  quantity: 1000,
  unit: 'KGM',
  originCountry: 'NZ',
  dutyRegime: '1',
  ...overrides,
});
const problemsOf = (item: DutiableItem) =>
  reliefProblems(item, 'items.0', ratesOn(tariff, item.hsCode, '2026-03-02'), '2026-03-02').map(
    (p) => `${p.path}:${p.code}`,
  );
const assess = (item: DutiableItem) => assessDuty([item], 'CNY', CIF, data, MARCH).lines[0];

describe('preferential rates', () => {
  it('a partner line with its certificate of origin is assessed at the agreement rate, and says so', () => {
    const item = fish({ preference: '10', documents: [CERTIFICATE] });
    expect(problemsOf(item)).toEqual([]);
    const line = assess(item);
    // agreement 10 rate 0: no duty; VAT 9 % × 100,000.00 = 9,000.00
    expect(line.dutyMinor).toBe(0);
    expect(line.vatMinor).toBe(900_000);
    expect(line.adValoremRate).toBe('0');
    expect(line.basis).toMatchObject({
      rate: 'agreement',
      agreement: { code: '10', name: 'China-New Zealand FTA', certificate: 'NZ-COO-2026-0042' },
    });
    expect(line.basis?.explanation).toContain('agreement 10 (China-New Zealand FTA) rate 0');
  });

  it('RCEP fish pays 5 %, against 10 % without the claim', () => {
    expect(assess(fish({ preference: '22', documents: [CERTIFICATE] })).dutyMinor).toBe(500_000);
    expect(assess(fish()).dutyMinor).toBe(1_000_000);
    expect(assess(fish()).basis?.rate).toBe('general');
  });

  it('an agreement rate replaces a compound general duty whole', () => {
    const wine = fish({ hsCode: '2204210000', unit: 'LTR', originCountry: 'CL', preference: '08' });
    const line = assess({ ...wine, documents: [CERTIFICATE] });
    expect(line.dutyMinor).toBe(0);
    expect(line.specificDuty).toBeUndefined();
  });

  it('a claim without the certificate of origin is a deficiency, never a silent general rate', () => {
    const item = fish({ preference: '10' });
    expect(problemsOf(item)).toEqual(['items.0.documents:PREFERENCE_CERTIFICATE_MISSING']);
    expect(() => assess(item)).toThrow(/certificate of origin/);
  });

  it('a claim on a line the agreement grants no rate for is a deficiency', () => {
    const item = fish({ hsCode: '8703239000', unit: 'NAR', preference: '10', documents: [CERTIFICATE] });
    expect(problemsOf(item)).toEqual(['items.0.preference:PREFERENCE_NO_RATE']);
  });

  it('the lower general rate applies where the agreement rate is above it', () => {
    const car = fish({ hsCode: '8703239000', unit: 'NAR', originCountry: 'JP', preference: '22' });
    const line = assess({ ...car, documents: [CERTIFICATE] });
    expect(line.dutyMinor).toBe(1_500_000);
    expect(line.basis).toMatchObject({ rate: 'general', agreement: { code: '22' } });
  });

  it('a claim for goods of another origin is left to PREFERENCE_ORIGIN_MISMATCH alone', () => {
    expect(problemsOf(fish({ originCountry: 'DE', preference: '10' }))).toEqual([]);
  });
});

describe('duty regimes', () => {
  it('fully exempted (3) with its approval: no duty and no VAT', () => {
    const item = fish({ dutyRegime: '3', documents: [APPROVAL] });
    expect(problemsOf(item)).toEqual([]);
    const line = assess(item);
    expect(line.dutyMinor).toBe(0);
    expect(line.vatMinor).toBe(0);
    expect(line.basis?.regime).toEqual({
      code: '3',
      name: 'Fully exempted',
      dutyShare: '0',
      vatLevied: false,
      approval: 'Z Z44032600123',
    });
  });

  it('levied at half (2): half the duty, VAT on value plus that half', () => {
    const line = assess(fish({ dutyRegime: '2', documents: [APPROVAL] }));
    // duty 10 % × 100,000.00 = 10,000.00, half 5,000.00; VAT 9 % × 105,000.00 = 9,450.00
    expect(line.dutyMinor).toBe(500_000);
    expect(line.vatMinor).toBe(945_000);
  });

  it('by exemption nature (5): duty exempted, VAT levied', () => {
    const line = assess(fish({ dutyRegime: '5', documents: [APPROVAL] }));
    expect([line.dutyMinor, line.vatMinor]).toEqual([0, 900_000]);
  });

  it('a deposit (6) owes the full duty and needs no approval', () => {
    const item = fish({ dutyRegime: '6' });
    expect(problemsOf(item)).toEqual([]);
    expect(assess(item).dutyMinor).toBe(1_000_000);
  });

  it('a relief regime without its approval document is a deficiency', () => {
    expect(problemsOf(fish({ dutyRegime: '3' }))).toEqual(['items.0.documents:DUTY_REGIME_APPROVAL_MISSING']);
  });

  it('a preference and a regime together: the agreement rate, then the regime share', () => {
    const line = assess(fish({ preference: '22', dutyRegime: '2', documents: [CERTIFICATE, APPROVAL] }));
    // 5 % × 100,000.00 = 5,000.00, half 2,500.00
    expect(line.dutyMinor).toBe(250_000);
  });
});

describe('agreement rates in the tariff', () => {
  it('are checked at boot: an unknown agreement and a malformed rate are both named', () => {
    expect(() =>
      parseTariff({
        vatRate: '0.13',
        lines: {
          '0303': {
            description: 'fish',
            rates: since({ adValoremRate: '0.1', agreementRates: { '99': 0.05 } }),
          },
        },
      }),
    ).toThrow(/agreementRates\.99: not an agreement[\s\S]*agreementRates\.99: a rate must be a decimal/);
  });
});
