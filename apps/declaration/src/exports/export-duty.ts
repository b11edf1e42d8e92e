import { applyRate, toFen } from '@tongguan/platform';
import { INCOTERM_RULES } from '../code-lists/code-lists';
import type { DutiableItem, DutyAssessment, DutyData, DutyLine } from '../duty/duty-calculator';
import { customsDate, rateOn } from '../duty/exchange-rates';
import { ratesOn } from '../duty/tariff';
import type { ValuationTerms } from '../duty/valuation';

const NO_VAT = '0';

/**
 * Export duty per line: the line's export rate (exportRate, ad valorem) in force on the customs date of
 * `assessedAt` where the tariff has one, nothing elsewhere; no VAT, since exports are zero-rated (the
 * rebate is the tax authority's, see vat-rebates). The customs value of an export is its price free on
 * board at the place of export (Customs Law Art. 55): the declared price is taken as that value, with
 * nothing added for the carriage abroad the Incoterm may leave to the buyer. Integer fen, decimal rates,
 * rounded per line as for imports (money.ts). The filing rules guarantee the tariff line and the rate.
 */
export function assessExportDuty(
  items: DutiableItem[],
  currency: string,
  terms: ValuationTerms,
  data: DutyData,
  assessedAt: Date,
): DutyAssessment {
  const day = customsDate(data.rates, assessedAt);
  const applied = rateOn(data.rates, currency, assessedAt);
  if (!applied) throw new Error(`no exchange rate for ${currency} on ${day}`);
  const lines = items.map((item): DutyLine => {
    const inForce = ratesOn(data.tariff, item.hsCode, day);
    if (!inForce) throw new Error(`HS code ${item.hsCode}: no tariff rate in force on ${day}`);
    const value = toFen(item.customsValueMinor, currency, applied.rate);
    const rate = inForce.exportRate;
    return {
      hsCode: item.hsCode,
      tariffCode: inForce.tariffCode,
      ratesValidFrom: inForce.validFrom,
      priceCnyMinor: value,
      additionsCnyMinor: 0,
      customsValueCnyMinor: value,
      ...(rate !== undefined ? { adValoremRate: rate } : {}),
      dutyMinor: rate === undefined ? 0 : applyRate(value, rate),
      vatRate: NO_VAT,
      vatMinor: 0,
    };
  });
  const customsValueCnyMinor = sum(lines.map((l) => l.customsValueCnyMinor));
  const dutyMinor = sum(lines.map((l) => l.dutyMinor));
  const group = INCOTERM_RULES.get(terms.incoterm)?.group;
  if (!group) throw new Error(`Incoterm ${terms.incoterm} not in the code list`);
  return {
    currency: 'CNY',
    assessedOn: day,
    exchangeRate: applied,
    valuation: {
      incoterm: terms.incoterm,
      group,
      method: terms.valuationMethod ?? data.valuation.defaultMethod,
      priceCnyMinor: customsValueCnyMinor,
      additions: [],
      customsValueCnyMinor,
      note: 'export: the declared price taken as the value free on board at the place of export; nothing added',
    },
    lines,
    customsValueCnyMinor,
    dutyMinor,
    vatMinor: 0,
    totalMinor: dutyMinor,
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
