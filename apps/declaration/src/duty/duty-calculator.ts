import { headingOf, type ExchangeRates, type Tariff } from './tariff';

export interface DutiableItem {
  hsCode: string;
  /** Customs value in minor units of the declaration currency. */
  customsValueMinor: number;
}

export interface DutyLine {
  hsCode: string;
  dutyRate: number;
  customsValueCnyMinor: number;
  dutyMinor: number;
}

export interface DutyAssessment {
  currency: 'CNY';
  exchangeRate: number;
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
  return Math.round(amount * 10 ** minorDigits(currency));
}

/**
 * Ad valorem duty per line on the customs value converted to CNY, then import VAT on value plus duty.
 * Rounding happens per line, in fen, as a customs receipt shows it.
 */
export function assessDuty(
  items: DutiableItem[],
  currency: string,
  tariff: Tariff,
  rates: ExchangeRates,
): DutyAssessment {
  const rate = rates.rates[currency];
  if (rate === undefined) throw new Error(`no exchange rate for ${currency}`);
  const toCnyMinor = (valueMinor: number) =>
    Math.round((valueMinor / 10 ** minorDigits(currency)) * rate * 100);
  const lines = items.map((item) => {
    const heading = tariff.headings[headingOf(item.hsCode)];
    if (!heading) throw new Error(`HS heading ${headingOf(item.hsCode)} not in the tariff`);
    const customsValueCnyMinor = toCnyMinor(item.customsValueMinor);
    return {
      hsCode: item.hsCode,
      dutyRate: heading.dutyRate,
      customsValueCnyMinor,
      dutyMinor: Math.round(customsValueCnyMinor * heading.dutyRate),
    };
  });
  const customsValueCnyMinor = sum(lines.map((l) => l.customsValueCnyMinor));
  const dutyMinor = sum(lines.map((l) => l.dutyMinor));
  const vatMinor = Math.round((customsValueCnyMinor + dutyMinor) * tariff.vatRate);
  return {
    currency: 'CNY',
    exchangeRate: rate,
    lines,
    customsValueCnyMinor,
    dutyMinor,
    vatMinor,
    totalMinor: dutyMinor + vatMinor,
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
