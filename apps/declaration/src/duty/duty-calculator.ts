import { applyRate, apportion, dutyOf, toFen, toMinor } from '@tongguan/platform';
import { INCOTERM_RULES } from '../code-lists/code-lists';
import { customsDate, rateOn, type AppliedRate, type ExchangeRates } from './exchange-rates';
import { appliedRates, type DutyBasis } from './relief';
import { ratesOn, type Tariff } from './tariff';
import {
  valueToCif,
  type Convert,
  type Valuation,
  type ValuationInput,
  type ValuationTerms,
} from './valuation';
import type { ValuationSettings } from './valuation-settings';

export { toMinor } from '@tongguan/platform';

export interface DutiableItem {
  hsCode: string;
  /** The line's invoice price in minor units of the declaration currency. */
  customsValueMinor: number;
  /** Declared quantity, in `unit`; a specific duty is charged on it. */
  quantity: number;
  /** UN/ECE Rec 20 unit code. */
  unit: string;
  /** What bears on the rate (relief.ts): origin, agreement claimed, duty regime, documents declared. */
  originCountry?: string;
  preference?: string;
  dutyRegime?: string;
  documents?: { code: string; number: string }[];
}

/** The data an assessment reads: the dated tariff, the dated exchange rates and the valuation defaults. */
export interface DutyData {
  tariff: Tariff;
  rates: ExchangeRates;
  valuation: ValuationSettings;
}

export interface DutyLine {
  hsCode: string;
  /** The tariff line whose rates applied (the most specific listed: 8, 6 or 4 digits) and their period. */
  tariffCode: string;
  ratesValidFrom: string;
  /** The line's invoice price in CNY. */
  priceCnyMinor: number;
  /** Its share of the valuation's additions (freight, insurance, loading), in proportion to price. */
  additionsCnyMinor: number;
  /** Price plus additions: the CIF value the duty is on. */
  customsValueCnyMinor: number;
  /** The rate applied (general or an agreement's) and the regime, with why: import lines. */
  basis?: DutyBasis;
  /** Ad valorem rate applied (a decimal fraction), when the line has one. */
  adValoremRate?: string;
  /** Specific duty applied, when the line has one: fen per unit times the declared quantity. */
  specificDuty?: { fenPerUnit: number; unit: string; quantity: number };
  /** Ad valorem plus specific duty (compound), rounded once to the fen, times the regime's share. */
  dutyMinor: number;
  vatRate: string;
  vatMinor: number;
}

export interface DutyAssessment {
  currency: 'CNY';
  /** Customs local date of the assessment (the lodgement's): the date whose tariff and exchange rates applied. */
  assessedOn: string;
  exchangeRate: AppliedRate;
  /** The CIF valuation: the price, each addition with its source, the customs value. */
  valuation: Valuation;
  lines: DutyLine[];
  customsValueCnyMinor: number;
  dutyMinor: number;
  vatMinor: number;
  totalMinor: number;
}

/** An assessment of a declaration's lines on `assessedAt` (business time): import or export. */
export type Assess = (
  items: DutiableItem[],
  currency: string,
  terms: ValuationTerms,
  data: DutyData,
  assessedAt: Date,
) => DutyAssessment;

/**
 * What either direction's valuation starts from: the customs date and exchange rate of `assessedAt`,
 * each line's price in CNY fen, and the valuation input (declared charges converted at the rate of
 * their own currency on that date).
 */
export function priceInCny(
  items: DutiableItem[],
  currency: string,
  terms: ValuationTerms,
  data: DutyData,
  assessedAt: Date,
): { day: string; applied: AppliedRate; prices: number[]; input: ValuationInput } {
  const day = customsDate(data.rates, assessedAt);
  const rateOf = (code: string): AppliedRate => {
    const applied = rateOn(data.rates, code, assessedAt);
    if (!applied) throw new Error(`no exchange rate for ${code} on ${day}`);
    return applied;
  };
  const applied = rateOf(currency);
  const rule = INCOTERM_RULES.get(terms.incoterm);
  if (!rule) throw new Error(`Incoterm ${terms.incoterm} not in the code list`);
  const prices = items.map((item) => toFen(item.customsValueMinor, currency, applied.rate));
  const convert: Convert = (amount, code) => {
    const rate = rateOf(code);
    const fen = toFen(toMinor(amount, code), code, rate.rate);
    return { fen, source: `${code} ${amount} at ${rate.rate} (rate from ${rate.validFrom})` };
  };
  const input = { priceCnyMinor: sum(prices), terms, rule, settings: data.valuation, convert };
  return { day, applied, prices, input };
}

/**
 * Duty per line from the tariff rates in force on the customs date of `assessedAt` (business time):
 * ad valorem on the line's CIF value in CNY, specific on the declared quantity, or both; then import
 * VAT per line on value plus duty. The CIF value is the price plus the additions the Incoterm calls
 * for (valuation.ts), shared out over the lines in proportion to their price. Amounts are integer fen
 * and rates decimal strings throughout (money.ts); each line's duty and VAT are rounded to the fen, as a
 * customs receipt shows them, and the totals add the rounded lines. The filing rules
 * (crossFieldProblems) guarantee the tariff line, its rates, the unit and the exchange rates: a breach
 * here is a programming error, hence a plain Error.
 */
export function assessDuty(
  items: DutiableItem[],
  currency: string,
  terms: ValuationTerms,
  data: DutyData,
  assessedAt: Date,
): DutyAssessment {
  const { tariff } = data;
  const { day, applied, prices, input } = priceInCny(items, currency, terms, data, assessedAt);
  const valuation = valueToCif(input);
  const priceCnyMinor = input.priceCnyMinor;
  const shares = apportion(valuation.customsValueCnyMinor - priceCnyMinor, prices);

  const lines = items.map((item, i): DutyLine => {
    const inForce = ratesOn(tariff, item.hsCode, day);
    if (!inForce) throw new Error(`HS code ${item.hsCode}: no tariff rate in force on ${day}`);
    // the agreement's rate where the claim stands, the general rates otherwise; then the regime
    const { adValoremRate, specificDuty, basis } = appliedRates(item, inForce);
    if (specificDuty && specificDuty.unit !== item.unit) {
      throw new Error(
        `tariff line ${inForce.tariffCode} is dutiable per ${specificDuty.unit}, not ${item.unit}`,
      );
    }
    const customsValueCnyMinor = prices[i] + shares[i];
    const tariffDuty = dutyOf(
      customsValueCnyMinor,
      adValoremRate,
      specificDuty && { fenPerUnit: specificDuty.fenPerUnit, quantity: item.quantity },
    );
    const dutyMinor =
      basis.regime.dutyShare === '1' ? tariffDuty : applyRate(tariffDuty, basis.regime.dutyShare);
    const vatRate = inForce.vatRate ?? tariff.vatRate;
    return {
      hsCode: item.hsCode,
      tariffCode: inForce.tariffCode,
      ratesValidFrom: inForce.validFrom,
      priceCnyMinor: prices[i],
      additionsCnyMinor: shares[i],
      customsValueCnyMinor,
      basis,
      ...(adValoremRate !== undefined ? { adValoremRate } : {}),
      ...(specificDuty
        ? {
            specificDuty: {
              fenPerUnit: specificDuty.fenPerUnit,
              unit: specificDuty.unit,
              quantity: item.quantity,
            },
          }
        : {}),
      dutyMinor,
      vatRate,
      vatMinor: basis.regime.vatLevied ? applyRate(customsValueCnyMinor + dutyMinor, vatRate) : 0,
    };
  });
  const dutyMinor = sum(lines.map((l) => l.dutyMinor));
  const vatMinor = sum(lines.map((l) => l.vatMinor));
  return {
    currency: 'CNY',
    assessedOn: day,
    exchangeRate: applied,
    valuation,
    lines,
    customsValueCnyMinor: valuation.customsValueCnyMinor,
    dutyMinor,
    vatMinor,
    totalMinor: dutyMinor + vatMinor,
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
