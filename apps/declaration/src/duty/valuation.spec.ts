import { assessDuty, type DutiableItem, type DutyData } from './duty-calculator';
import { parseExchangeRates } from './exchange-rates';
import { parseTariff } from './tariff';
import type { ValuationTerms } from './valuation';
import { VALUATION } from './valuation-settings';

// One Incoterm group per test, on a tariff and rate table of their own: cars at 15%, 13% VAT.
const data: DutyData = {
  tariff: parseTariff({
    vatRate: '0.13',
    lines: { '8703': { description: 'cars', rates: [{ validFrom: '2020-01-01', adValoremRate: '0.15' }] } },
  }),
  rates: parseExchangeRates({
    base: 'CNY',
    utcOffsetMinutes: 480,
    rates: {
      CNY: [{ validFrom: '2000-01-01', rate: '1' }],
      USD: [{ validFrom: '2026-01-01', rate: '7.12' }],
      EUR: [{ validFrom: '2026-01-01', rate: '7.74' }],
    },
  }),
  valuation: { ...VALUATION, freightRate: '0.03', insuranceRate: '0.003' },
};
const MARCH = new Date('2026-03-02T02:00:00Z');
const car = (customsValueMinor: number): DutiableItem => ({
  hsCode: '870323',
  customsValueMinor,
  quantity: 1,
  unit: 'NAR',
});
const assess = (terms: ValuationTerms, items = [car(2_000_000)], currency = 'USD') =>
  assessDuty(items, currency, terms, data, MARCH);

describe('valuation to the CIF basis, per Incoterm group', () => {
  it('F (FOB): declared freight and the default 0.3% insurance are added; duty and VAT are on the CIF value', () => {
    // price USD 20,000.00 × 7.12 = 142,400.00; freight USD 1,000.00 = 7,120.00;
    // insurance 0.3% × 149,520.00 = 448.56; CIF 149,968.56; duty 15% = 22,495.28 (22,495.284);
    // VAT 13% × 172,463.84 = 22,420.30 (22,420.2992)
    const result = assess({ incoterm: 'FOB', freight: { amount: '1000.00', currency: 'USD' } });
    expect(result.valuation).toMatchObject({
      incoterm: 'FOB',
      group: 'F',
      method: '1',
      priceCnyMinor: 14_240_000,
      customsValueCnyMinor: 14_996_856,
    });
    expect(result.valuation.additions).toEqual([
      {
        cost: 'freight',
        basis: 'declared-amount',
        amountCnyMinor: 712_000,
        source: 'declared USD 1000.00 at 7.12 (rate from 2026-01-01)',
      },
      {
        cost: 'insurance',
        basis: 'default-rate',
        rate: '0.003',
        amountCnyMinor: 44_856,
        source: 'insurance not declared: 0.3% of cost and freight (GAC Order No. 213, Art. 36)',
      },
    ]);
    expect(result).toMatchObject({
      customsValueCnyMinor: 14_996_856,
      dutyMinor: 2_249_528,
      vatMinor: 2_242_030,
    });
  });

  it('F (FOB), two lines: the additions are shared out by price, to the fen, and add up', () => {
    const result = assess(
      { incoterm: 'FOB', freight: { ratePercent: '5' }, insurance: { ratePercent: '0.3' } },
      [car(1_000_000), car(2_000_001)],
    );
    // cost 213,600.07; freight 5% = 10,680.00 (10,680.0035); insurance 0.3% × 224,280.07 = 672.84
    expect(result.valuation.additions.map((a) => [a.cost, a.basis, a.amountCnyMinor])).toEqual([
      ['freight', 'declared-rate', 1_068_000],
      ['insurance', 'declared-rate', 67_284],
    ]);
    expect(result.lines.map((l) => l.additionsCnyMinor)).toEqual([378_428, 756_856]);
    expect(result.lines[0].customsValueCnyMinor + result.lines[1].customsValueCnyMinor).toBe(
      result.valuation.customsValueCnyMinor,
    );
  });

  it('E (EXW): declared loading costs, the default freight rate and a declared insurance rate are added', () => {
    // price EUR 10,000.00 × 7.74 = 77,400.00; loading EUR 300.00 = 2,322.00; freight 3% of cost = 2,322.00;
    // insurance 0.5% × 82,044.00 = 410.22; CIF 82,454.22
    const result = assess(
      {
        incoterm: 'EXW',
        loadingCosts: { amount: '300.00', currency: 'EUR' },
        insurance: { ratePercent: '0.5' },
      },
      [car(1_000_000)],
      'EUR',
    );
    expect(result.valuation.additions.map((a) => [a.cost, a.basis, a.amountCnyMinor])).toEqual([
      ['loading', 'declared-amount', 232_200],
      ['freight', 'default-rate', 232_200],
      ['insurance', 'declared-rate', 41_022],
    ]);
    expect(result.valuation.additions[1].source).toMatch(/freight not declared: default 3% of the cost/);
    expect(result.customsValueCnyMinor).toBe(8_245_422);
    expect(result.dutyMinor).toBe(1_236_813);
  });

  it('C: CFR adds only insurance (0.3% of cost and freight); CIF adds nothing', () => {
    const cfr = assess({ incoterm: 'CFR' });
    expect(cfr.valuation.additions.map((a) => [a.cost, a.amountCnyMinor])).toEqual([['insurance', 42_720]]);
    expect(cfr.customsValueCnyMinor).toBe(14_282_720);
    const cpt = assess({ incoterm: 'CPT', insurance: { amount: '55.50', currency: 'USD' } });
    expect(cpt.valuation.additions).toMatchObject([{ cost: 'insurance', amountCnyMinor: 39_516 }]);
    const cif = assess({ incoterm: 'CIF' });
    expect(cif.valuation.additions).toEqual([]);
    expect(cif.customsValueCnyMinor).toBe(14_240_000);
    expect(cif.dutyMinor).toBe(2_136_000);
  });

  it('D (DAP, DPU, DDP): the delivered price is taken as it is, nothing added or deducted', () => {
    for (const incoterm of ['DAP', 'DPU', 'DDP']) {
      const result = assess({ incoterm, valuationMethod: '1' });
      expect(result.valuation).toMatchObject({ group: 'D', additions: [], customsValueCnyMinor: 14_240_000 });
      expect(result.valuation.note).toMatch(/not deducted unless the declared value already leaves them out/);
    }
  });
});
