import { assessDuty, type DutyData } from '../duty/duty-calculator';
import { parseExchangeRates } from '../duty/exchange-rates';
import { parseTariff } from '../duty/tariff';
import { VALUATION } from '../duty/valuation-settings';
import { assessExportDuty } from './export-duty';
import { vatRebateOf } from './vat-rebates';

const since = (rates: Record<string, unknown>) => [{ validFrom: '2020-01-01', ...rates }];
const data: DutyData = {
  tariff: parseTariff({
    vatRate: '0.13',
    lines: {
      '7202': { description: 'Ferro-alloys', rates: since({ adValoremRate: '0.02', exportRate: '0.2' }) },
      '8471': { description: 'Computers', rates: since({ adValoremRate: '0' }) },
    },
  }),
  rates: parseExchangeRates({
    base: 'CNY',
    utcOffsetMinutes: 480,
    rates: { CNY: [{ validFrom: '2000-01-01', rate: '1' }], USD: [{ validFrom: '2026-01-01', rate: '7' }] },
  }),
  valuation: VALUATION,
};
const AT = new Date('2026-03-02T10:00:00Z');
const FOB = { incoterm: 'FOB' };

describe('export duty', () => {
  const items = [
    { hsCode: '720241', customsValueMinor: 1_000_00, quantity: 1000, unit: 'KGM' },
    { hsCode: '847130', customsValueMinor: 5_000_00, quantity: 10, unit: 'NAR' },
  ];

  it('charges the export rate on the FOB value less the duty it holds, no VAT, and nothing where the tariff has no export rate', () => {
    const duty = assessExportDuty(items, 'USD', FOB, data, AT);
    // USD 1,000 × 7 = CNY 7,000.00 FOB; value 7,000.00 / 1.2 = 5,833.33; duty 20 % = 1,166.67 (the
    // two add up to the FOB price); the computers have no export rate and owe nothing on 35,000.00
    expect(duty.lines.map((l) => [l.customsValueCnyMinor, l.dutyMinor, l.vatMinor])).toEqual([
      [5_833_33, 1_166_67, 0],
      [35_000_00, 0, 0],
    ]);
    expect(duty).toMatchObject({ dutyMinor: 1_166_67, vatMinor: 0, totalMinor: 1_166_67 });
    // FOB is the export value: nothing added or deducted but the export duty the price holds
    expect(duty.valuation).toMatchObject({
      additions: [],
      fobValueCnyMinor: 42_000_00,
      customsValueCnyMinor: 40_833_33,
      deductions: [{ cost: 'export-duty', basis: 'tariff-rate', amountCnyMinor: 1_166_67 }],
    });
  });

  it('leaves the import assessment of the same lines as it was', () => {
    expect(assessDuty(items, 'USD', FOB, data, AT).vatMinor).toBeGreaterThan(0);
  });
});

describe('VAT-rebate flag', () => {
  const rates = new Map([
    ['8471', 0.13],
    ['7208', 0],
  ]);
  it('is set when a line carries a rebate rate above 0, with each line’s rate', () => {
    expect(vatRebateOf([{ hsCode: '847130' }, { hsCode: '720851' }], rates)).toEqual({
      eligible: true,
      lines: [
        { hsCode: '847130', rate: 0.13 },
        { hsCode: '720851', rate: 0 },
      ],
    });
  });
  it('is not set for goods whose rebate was cancelled or is unknown', () => {
    expect(vatRebateOf([{ hsCode: '720851' }, { hsCode: '010121' }], rates).eligible).toBe(false);
  });
});
