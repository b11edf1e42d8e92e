import { minorUnitsOf } from './iso4217';

/**
 * Exact money: amounts are integers of minor units, rates decimal strings, and every product is worked
 * in bigint and rounded once, half up, to a whole minor unit. No amount ever passes through a float.
 */

/** A non-negative decimal as written: "7.12", "0.065", "1200.50". */
export const DECIMAL = /^\d{1,15}(\.\d{1,12})?$/;

/** units / 10^scale */
export interface Exact {
  units: bigint;
  scale: number;
}

/** Reads a decimal string; a JSON number is read from its shortest text (40000.5 is "40000.5"). */
export function exact(value: string | number): Exact {
  const text = typeof value === 'number' ? String(value) : value;
  if (!DECIMAL.test(text)) throw new Error(`${text} is not a non-negative decimal`);
  const [whole, fraction = ''] = text.split('.');
  return { units: BigInt(whole + fraction), scale: fraction.length };
}

/** Digits after the point of a decimal string or JSON number (3 for "1.250"). */
export function decimalPlaces(value: string | number): number {
  return exact(value).scale;
}

const TEN = 10n;

/** n / d rounded half up, both non-negative. */
function divideRounded(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

function toSafe(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`${value} minor units exceed a safe integer`);
  return Number(value);
}

/** An amount in major units ("1200.50" or 1200.5) as minor units of its currency; more digits than the currency has is an error. */
export function toMinor(amount: string | number, currency: string): number {
  const { units, scale } = exact(amount);
  const digits = minorUnitsOf(currency);
  if (scale > digits) throw new Error(`${String(amount)} ${currency}: ${currency} has ${digits} minor units`);
  return toSafe(units * TEN ** BigInt(digits - scale));
}

/** minor × rate, rounded half up to a whole minor unit: duty on a value, insurance on cost and freight. */
export function applyRate(minor: number, rate: string | number): number {
  const r = exact(rate);
  return toSafe(divideRounded(BigInt(minor) * r.units, TEN ** BigInt(r.scale)));
}

/**
 * The part of `grossMinor` that a rate of its net makes up: gross × r / (1 + r), rounded half up. A
 * price that includes a cost charged at r of what it is laid on (insurance in a CIF price, export duty
 * in an FOB price) holds that cost as this share.
 */
export function includedShare(grossMinor: number, rate: string | number): number {
  const r = exact(rate);
  return toSafe(divideRounded(BigInt(grossMinor) * r.units, TEN ** BigInt(r.scale) + r.units));
}

/** gross / (1 + r), rounded half up: the net a rate was laid on (FOB less the export duty it holds). */
export function netOf(grossMinor: number, rate: string | number): number {
  const r = exact(rate);
  const one = TEN ** BigInt(r.scale);
  return toSafe(divideRounded(BigInt(grossMinor) * one, one + r.units));
}

/** Minor units of `currency` converted to CNY fen at `rate` (CNY per one unit), rounded half up. */
export function toFen(minor: number, currency: string, rate: string | number): number {
  return toSafe(fenOf(minor, currency, rate));
}

/** toFen as a bigint, for comparisons that must not fail on a value beyond a safe integer. */
export function fenOf(minor: number, currency: string, rate: string | number): bigint {
  const r = exact(rate);
  const scale = TEN ** BigInt(r.scale + minorUnitsOf(currency));
  return divideRounded(BigInt(minor) * r.units * 100n, scale);
}

/**
 * Duty on a line: ad valorem on its value plus fen per unit on a decimal quantity (compound when both),
 * summed exactly and rounded once, half up, to the fen.
 */
export function dutyOf(
  valueFen: number,
  adValoremRate?: string,
  specific?: { fenPerUnit: number; quantity: number },
): number {
  const r = exact(adValoremRate ?? '0');
  const q = exact(specific?.quantity ?? 0);
  const adValorem = BigInt(valueFen) * r.units * TEN ** BigInt(q.scale);
  const perUnit = BigInt(specific?.fenPerUnit ?? 0) * q.units * TEN ** BigInt(r.scale);
  return toSafe(divideRounded(adValorem + perUnit, TEN ** BigInt(r.scale + q.scale)));
}

/**
 * Shares `total` out in proportion to `weights`, exactly: each share rounded down, then the minor units
 * left over go to the largest remainders (earliest first on a tie), so the shares always add up to total.
 */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + BigInt(b), 0n);
  if (sum === 0n) return weights.map((_, i) => (i === 0 ? total : 0));
  const raw = weights.map((w) => BigInt(total) * BigInt(w));
  const shares = raw.map((r) => r / sum);
  let left = BigInt(total) - shares.reduce((a, b) => a + b, 0n);
  const byRemainder = raw
    .map((r, i) => ({ i, rest: r % sum }))
    .sort((a, b) => (b.rest > a.rest ? 1 : b.rest < a.rest ? -1 : a.i - b.i));
  for (const { i } of byRemainder) {
    if (left === 0n) break;
    shares[i] += 1n;
    left -= 1n;
  }
  return shares.map(toSafe);
}

/** A decimal fraction as a percent for people: "0.003" is "0.3%", "0.15" is "15%". */
export function percent(rate: string | number): string {
  const { units, scale } = exact(rate);
  if (scale <= 2) return `${units * TEN ** BigInt(2 - scale)}%`;
  const digits = units.toString().padStart(scale - 1, '0');
  const whole = digits.slice(0, digits.length - (scale - 2));
  const fraction = digits.slice(digits.length - (scale - 2)).replace(/0+$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''}%`;
}

/** A percentage as a decimal fraction string: "0.3" (%) is "0.003". */
export function fromPercent(value: string): string {
  const { units, scale } = exact(value);
  const digits = units.toString().padStart(scale + 3, '0');
  const whole = digits.slice(0, digits.length - scale - 2);
  return `${BigInt(whole)}.${digits.slice(digits.length - scale - 2)}`;
}
