import { rateOn, customsDate, type AppliedRate, type ExchangeRates } from './exchange-rates';
import { headingOf, type Tariff } from './tariff';

export interface DutiableItem {
  hsCode: string;
  /** Customs value in minor units of the declaration currency. */
  customsValueMinor: number;
  /** Declared quantity, in `unit`; a specific duty is charged on it. */
  quantity: number;
  /** UN/ECE Rec 20 unit code. */
  unit: string;
}

export interface DutyLine {
  hsCode: string;
  customsValueCnyMinor: number;
  /** Ad valorem rate applied, when the heading has one. */
  adValoremRate?: number;
  /** Specific duty applied, when the heading has one: fen per unit times the declared quantity. */
  specificDuty?: { fenPerUnit: number; unit: string; quantity: number };
  /** Ad valorem plus specific duty (compound), rounded once to the fen. */
  dutyMinor: number;
  vatRate: number;
  vatMinor: number;
}

export interface DutyAssessment {
  currency: 'CNY';
  /** Customs local date of the assessment: the date whose exchange rate applied. */
  assessedOn: string;
  exchangeRate: AppliedRate;
  lines: DutyLine[];
  customsValueCnyMinor: number;
  dutyMinor: number;
  vatMinor: number;
  totalMinor: number;
}

/** Number of minor units in one unit of the currency (2 for CNY and USD, 0 for JPY and KRW). */
export function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

export function toMinor(amount: number, currency: string): number {
  return toInteger(amount * 10 ** minorDigits(currency));
}

/**
 * Duty per line from the tariff (ad valorem on the customs value converted to CNY, specific on the
 * declared quantity, or both), then import VAT per line on value plus duty at the line's VAT rate.
 * The exchange rate is the one in force at `assessedAt` (business time). Each line's duty and VAT
 * are rounded to the fen, as a customs receipt shows them; the totals add the rounded lines.
 * The filing rules (crossFieldProblems) guarantee the heading, the rate and the unit: a breach here
 * is a programming error, hence a plain Error.
 */
export function assessDuty(
  items: DutiableItem[],
  currency: string,
  tariff: Tariff,
  rates: ExchangeRates,
  assessedAt: Date,
): DutyAssessment {
  const applied = rateOn(rates, currency, assessedAt);
  if (!applied) throw new Error(`no exchange rate for ${currency} on ${customsDate(rates, assessedAt)}`);
  const lines = items.map((item): DutyLine => {
    const heading = tariff.headings.get(headingOf(item.hsCode));
    if (!heading) throw new Error(`HS heading ${headingOf(item.hsCode)} not in the tariff`);
    const { adValoremRate, specificDuty } = heading;
    if (specificDuty && specificDuty.unit !== item.unit) {
      throw new Error(
        `HS heading ${headingOf(item.hsCode)} is dutiable per ${specificDuty.unit}, not ${item.unit}`,
      );
    }
    const customsValueCnyMinor = toInteger(
      (item.customsValueMinor / 10 ** minorDigits(currency)) * applied.rate * 100,
    );
    const dutyMinor = toInteger(
      customsValueCnyMinor * (adValoremRate ?? 0) + item.quantity * (specificDuty?.fenPerUnit ?? 0),
    );
    const vatRate = heading.vatRate ?? tariff.vatRate;
    return {
      hsCode: item.hsCode,
      customsValueCnyMinor,
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
      vatMinor: toInteger((customsValueCnyMinor + dutyMinor) * vatRate),
    };
  });
  const dutyMinor = sum(lines.map((l) => l.dutyMinor));
  const vatMinor = sum(lines.map((l) => l.vatMinor));
  return {
    currency: 'CNY',
    assessedOn: customsDate(rates, assessedAt),
    exchangeRate: applied,
    lines,
    customsValueCnyMinor: sum(lines.map((l) => l.customsValueCnyMinor)),
    dutyMinor,
    vatMinor,
    totalMinor: dutyMinor + vatMinor,
  };
}

/**
 * Rounds half up to a whole minor unit after dropping binary noise: 35.25 × 7.74 × 100 is 27,283.5 on
 * paper but 27,283.4999… in floating point. Rounded to 15 significant digits it is 27,283.5 again;
 * 15 digits still keep a tenth of a fen below CNY 10^12 (a trillion yuan), far above any real line.
 */
function toInteger(amount: number): number {
  return Math.round(Number(amount.toPrecision(15)));
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
