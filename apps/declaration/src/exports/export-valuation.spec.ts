import type { DutiableItem, DutyData } from '../duty/duty-calculator';
import { parseExchangeRates } from '../duty/exchange-rates';
import { parseTariff } from '../duty/tariff';
import type { ValuationTerms } from '../duty/valuation';
import { VALUATION } from '../duty/valuation-settings';
import { assessExportDuty } from './export-duty';

// One Incoterm group per test: ferro-alloys at 20 % export duty, USD at 7, export defaults of
// 3 % freight and 0.3 % insurance. Every price is USD 1,000.00 = CNY 7,000.00.
const data: DutyData = {
  tariff: parseTariff({
    vatRate: '0.13',
    lines: {
      '7202': {
        description: 'Ferro-alloys',
        rates: [{ validFrom: '2020-01-01', adValoremRate: '0.02', exportRate: '0.2' }],
      },
    },
  }),
  rates: parseExchangeRates({
    base: 'CNY',
    utcOffsetMinutes: 480,
    rates: { CNY: [{ validFrom: '2000-01-01', rate: '1' }], USD: [{ validFrom: '2026-01-01', rate: '7' }] },
  }),
  valuation: { ...VALUATION, export: { freightRate: '0.03', insuranceRate: '0.003' } },
};
const ferro: DutiableItem = { hsCode: '720241', customsValueMinor: 1_000_00, quantity: 1000, unit: 'KGM' };
const assess = (terms: ValuationTerms) =>
  assessExportDuty([ferro], 'USD', terms, data, new Date('2026-03-02T02:00:00Z'));
const usd = (amount: string) => ({ amount, currency: 'USD' });

describe('export valuation to the FOB basis, per Incoterm group', () => {
  it('E (EXW): declared carriage to the port of export is added; undeclared, nothing is', () => {
    // 7,000.00 + loading USD 100.00 (700.00) = FOB 7,700.00; value / 1.2 = 6,416.67; duty 1,283.33
    const result = assess({ incoterm: 'EXW', loadingCosts: usd('100.00') });
    expect(result.valuation).toMatchObject({
      group: 'E',
      additions: [{ cost: 'loading', basis: 'declared-amount', amountCnyMinor: 700_00 }],
      deductions: [{ cost: 'export-duty', amountCnyMinor: 1_283_33 }],
      fobValueCnyMinor: 7_700_00,
      customsValueCnyMinor: 6_416_67,
    });
    expect(result.dutyMinor).toBe(1_283_33);
    expect(assess({ incoterm: 'EXW' }).valuation).toMatchObject({
      additions: [],
      fobValueCnyMinor: 7_000_00,
    });
  });

  it('F (FOB, FCA): the price is the FOB value; FCA adds declared carriage to the port; the duty it holds is excluded', () => {
    // FOB 7,000.00: value 7,000.00 / 1.2 = 5,833.33, duty 20 % = 1,166.67 (value + duty = price)
    expect(assess({ incoterm: 'FOB' })).toMatchObject({
      customsValueCnyMinor: 5_833_33,
      dutyMinor: 1_166_67,
      valuation: { additions: [], fobValueCnyMinor: 7_000_00 },
    });
    // FCA inland: loading and carriage 2 % of the cost = 140.00; FOB 7,140.00; value 5,950.00; duty 1,190.00
    const fca = assess({ incoterm: 'FCA', loadingCosts: { ratePercent: '2' } });
    expect(fca.valuation.additions).toEqual([
      expect.objectContaining({
        cost: 'loading',
        basis: 'declared-rate',
        rate: '0.02',
        amountCnyMinor: 140_00,
      }),
    ]);
    expect(fca).toMatchObject({ customsValueCnyMinor: 5_950_00, dutyMinor: 1_190_00 });
  });

  it('C (CIF, CFR): the freight and insurance after loading the price holds are deducted, declared or by default', () => {
    // CIF 7,000.00 holds insurance 0.3 % of cost and freight: 7,000.00 × 0.003 / 1.003 = 20.94;
    // declared freight USD 50.00 = 350.00; FOB 6,629.06; value / 1.2 = 5,524.22; duty 1,104.84
    const cif = assess({ incoterm: 'CIF', freight: usd('50.00') });
    expect(cif.valuation).toMatchObject({
      group: 'C',
      deductions: [
        { cost: 'insurance', basis: 'default-rate', rate: '0.003', amountCnyMinor: 20_94 },
        { cost: 'freight', basis: 'declared-amount', amountCnyMinor: 350_00 },
        { cost: 'export-duty', basis: 'tariff-rate', amountCnyMinor: 1_104_84 },
      ],
      fobValueCnyMinor: 6_629_06,
      customsValueCnyMinor: 5_524_22,
    });
    expect(cif.dutyMinor).toBe(1_104_84);
    // nothing declared: freight 3 % of FOB is 6,979.06 × 0.03 / 1.03 = 203.27; FOB 6,775.79
    expect(assess({ incoterm: 'CIF' }).valuation).toMatchObject({
      deductions: [
        { cost: 'insurance', amountCnyMinor: 20_94 },
        { cost: 'freight', basis: 'default-rate', rate: '0.03', amountCnyMinor: 203_27 },
        { cost: 'export-duty' },
      ],
      fobValueCnyMinor: 6_775_79,
    });
    // CFR leaves insurance to the buyer: only freight, here 5 % of FOB: 7,000.00 × 0.05 / 1.05 = 333.33
    expect(assess({ incoterm: 'CFR', freight: { ratePercent: '5' } }).valuation).toMatchObject({
      deductions: [
        { cost: 'freight', basis: 'declared-rate', amountCnyMinor: 333_33 },
        { cost: 'export-duty' },
      ],
      fobValueCnyMinor: 6_666_67,
    });
  });

  it('D (DAP, DDP): carriage and insurance to the destination are deducted, and the costs there when declared', () => {
    // freight USD 80.00 = 560.00, insurance USD 2.00 = 14.00: FOB 6,426.00; value 5,355.00; duty 1,071.00
    const dap = assess({ incoterm: 'DAP', freight: usd('80.00'), insurance: usd('2.00') });
    expect(dap.valuation).toMatchObject({
      group: 'D',
      additions: [],
      deductions: [
        { cost: 'insurance', amountCnyMinor: 14_00 },
        { cost: 'freight', amountCnyMinor: 560_00 },
        { cost: 'export-duty', amountCnyMinor: 1_071_00 },
      ],
      fobValueCnyMinor: 6_426_00,
    });
    expect(dap).toMatchObject({ customsValueCnyMinor: 5_355_00, dutyMinor: 1_071_00, vatMinor: 0 });
    // DDP also holds the costs at the destination, deducted first when declared: USD 30.00 = 210.00;
    // insurance by default of the 6,790.00 left: 20.31; freight 560.00; FOB 6,209.69; value 5,174.74
    const ddp = assess({ incoterm: 'DDP', freight: usd('80.00'), destinationCosts: usd('30.00') });
    expect(ddp.valuation.deductions?.map((d) => [d.cost, d.basis, d.amountCnyMinor])).toEqual([
      ['destination', 'declared-amount', 210_00],
      ['insurance', 'default-rate', 20_31],
      ['freight', 'declared-amount', 560_00],
      ['export-duty', 'tariff-rate', 1_034_95],
    ]);
    expect(ddp).toMatchObject({ customsValueCnyMinor: 5_174_74, dutyMinor: 1_034_95 });
  });
});
