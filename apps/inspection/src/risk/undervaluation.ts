import { exact, fenOf, isMoneyCurrency, minorUnitsOf, percent } from '@tongguan/platform';
import type { ReferenceValue, RiskRules } from './risk-rules';

export interface ValuedItem {
  hsCode: string;
  /** Customs value of the line in minor units of the declaration currency. */
  customsValueMinor: number;
}

export interface UndervaluationFindings {
  /** One phrase per undervalued item, naming it and both values. */
  items: string[];
  /** Set when items had a reference value but the currency has no rate: nothing could be compared. */
  uncheckedCurrency?: string;
}

/** Minor units of the currency (2 for CNY and EUR, 0 for JPY), from the pinned ISO 4217 table; 2 if not listed. */
export function minorDigits(currency: string): number {
  return isMoneyCurrency(currency) ? minorUnitsOf(currency) : 2;
}

/** Minor units written in major units with thousands separators ("CNY 1,234.50"), from digits, never a float. */
export function money(minor: bigint | number, currency: string): string {
  const digits = minorDigits(currency);
  const text = BigInt(minor)
    .toString()
    .padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits).replace(/\B(?=(\d{3})+$)/g, ',');
  return `${currency} ${whole}${digits > 0 ? `.${text.slice(text.length - digits)}` : ''}`;
}

/** The most specific reference: the 6-digit subheading's, else the 4-digit heading's. */
function referenceFor(hsCode: string, references: ReferenceValue[]): ReferenceValue | undefined {
  return (
    references.find((r) => r.hs === hsCode.slice(0, 6)) ?? references.find((r) => r.hs === hsCode.slice(0, 4))
  );
}

/** valueFen < ratio × floorFen, worked in integers (ratio is units / 10^scale). */
function isBelow(valueFen: bigint, ratio: string, floorFen: number): boolean {
  const r = exact(ratio);
  return valueFen * 10n ** BigInt(r.scale) < r.units * BigInt(floorFen);
}

/**
 * Compares each item's customs value, converted to CNY fen, with the least plausible value of a line of
 * its heading. The contract carries no quantity, so this is a per-line floor, not a unit price: it
 * catches a container of cars declared at the price of one wheel, not a slightly low unit price.
 * The value is converted as the declaration service does (rounded half up once, to the fen, in
 * integers), so the fen compared is the fen the reason shows; the floor's ratio is applied exactly.
 */
export function findUndervaluedItems(
  items: ValuedItem[],
  currency: string,
  rule: RiskRules['undervaluation'],
): UndervaluationFindings {
  const referenced = items
    .map((item, i) => ({ item, n: i + 1, reference: referenceFor(item.hsCode, rule.referenceValues) }))
    .filter((r): r is typeof r & { reference: ReferenceValue } => r.reference !== undefined);
  if (referenced.length === 0) return { items: [] };
  const rate = currency === 'CNY' ? '1' : rule.exchangeRates.find((r) => r.currency === currency)?.cnyPerUnit;
  if (rate === undefined) return { items: [], uncheckedCurrency: currency };

  const share = percent(rule.ratio);
  return {
    items: referenced.flatMap(({ item, n, reference }) => {
      const valueFen = fenOf(item.customsValueMinor, currency, rate);
      if (!isBelow(valueFen, rule.ratio, reference.minItemValueFen)) return [];
      const declared =
        currency === 'CNY'
          ? money(valueFen, 'CNY')
          : `${money(valueFen, 'CNY')} (${money(item.customsValueMinor, currency)} at ${rate})`;
      return [
        `item ${n}, HS ${item.hsCode}: declared ${declared}, below ${share} of the reference ` +
          `${money(reference.minItemValueFen, 'CNY')} for HS ${reference.hs}`,
      ];
    }),
  };
}
