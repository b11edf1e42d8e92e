import { applyRate, apportion, netOf } from '@tongguan/platform';
import { priceInCny, type Assess, type DutyLine } from '../duty/duty-calculator';
import { valueToFob } from '../duty/export-valuation';
import { ratesOn } from '../duty/tariff';

const NO_VAT = '0';

/**
 * Export duty per line: the line's export rate (exportRate, ad valorem) in force on the customs date of
 * `assessedAt` where the tariff has one, nothing elsewhere; no VAT, since exports are zero-rated (the
 * rebate is the tax authority's, see vat-rebates). The value is free on board at the place of export
 * (valueToFob: additions and deductions per Incoterm, shared over the lines by price), less the export
 * duty that price holds (Customs Law Art. 55; GAC Order No. 213, Art. 40(1)): FOB / (1 + rate), and
 * the duty is the rate of that. Integer fen, decimal rates, rounded per line as for imports (money.ts).
 * The filing rules guarantee the tariff line, the rates and a positive FOB value.
 */
export const assessExportDuty: Assess = (items, currency, terms, data, assessedAt) => {
  const { day, applied, prices, input } = priceInCny(items, currency, terms, data, assessedAt);
  const fob = valueToFob(input);
  const added = apportion(sum(fob.additions.map((a) => a.amountCnyMinor)), prices);
  const deducted = apportion(sum((fob.deductions ?? []).map((d) => d.amountCnyMinor)), prices);

  const lines = items.map((item, i): DutyLine => {
    const inForce = ratesOn(data.tariff, item.hsCode, day);
    if (!inForce) throw new Error(`HS code ${item.hsCode}: no tariff rate in force on ${day}`);
    const lineFob = prices[i] + added[i] - deducted[i];
    const rate = inForce.exportRate;
    const value = rate === undefined ? lineFob : netOf(lineFob, rate);
    return {
      hsCode: item.hsCode,
      tariffCode: inForce.tariffCode,
      ratesValidFrom: inForce.validFrom,
      priceCnyMinor: prices[i],
      additionsCnyMinor: value - prices[i],
      customsValueCnyMinor: value,
      ...(rate !== undefined ? { adValoremRate: rate } : {}),
      dutyMinor: rate === undefined ? 0 : applyRate(value, rate),
      vatRate: NO_VAT,
      vatMinor: 0,
    };
  });
  const customsValueCnyMinor = sum(lines.map((l) => l.customsValueCnyMinor));
  const held = fob.customsValueCnyMinor - customsValueCnyMinor;
  const dutyMinor = sum(lines.map((l) => l.dutyMinor));
  return {
    currency: 'CNY',
    assessedOn: day,
    exchangeRate: applied,
    valuation: {
      ...fob,
      deductions: [
        ...(fob.deductions ?? []),
        ...(held > 0
          ? [
              {
                cost: 'export-duty' as const,
                basis: 'tariff-rate' as const,
                amountCnyMinor: held,
                source:
                  'the export duty the FOB value holds: each line valued at FOB / (1 + its export rate) (Customs Law Art. 55; GAC Order No. 213, Art. 40(1))',
              },
            ]
          : []),
      ],
      customsValueCnyMinor,
    },
    lines,
    customsValueCnyMinor,
    dutyMinor,
    vatMinor: 0,
    totalMinor: dutyMinor,
  };
};

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
