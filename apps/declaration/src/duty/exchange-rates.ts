// the rate table is validated with decorators before (and without) Nest, which otherwise loads this
import 'reflect-metadata';
import { validateDataFile } from '@tongguan/config';
import { DECIMAL, exact, readAppJson } from '@tongguan/platform';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInstance,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { isKnownCurrency } from '../code-lists/code-lists';

const MINUTE_MS = 60_000;
const BASE = 'CNY';

/**
 * One published rate: CNY per one unit of the currency, in force from validFrom until validTo (both
 * included) or, without validTo, until the next entry.
 */
export class DatedRate {
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validFrom must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'validFrom must be a calendar date' })
  validFrom: string;

  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validTo must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'validTo must be a calendar date' })
  validTo?: string;

  /** A decimal string ("7.12"): the rate multiplies money, so it is never a float. */
  @Matches(DECIMAL, { message: 'rate must be a decimal written as a string, e.g. "7.12"' })
  rate: string;
}

/**
 * config/exchange-rates.json (EXCHANGE_RATES_FILE): per currency, the monthly customs rates in date
 * order. Dates are customs local dates, utcOffsetMinutes east of UTC (480 for China Standard Time).
 */
export class ExchangeRates {
  @IsOptional() @IsString() description?: string;
  @IsIn([BASE], { message: 'base must be CNY: duty is assessed and paid in CNY' }) base: typeof BASE;
  @IsInt() @Min(-720) @Max(840) utcOffsetMinutes: number;
  @IsInstance(Map, { message: 'rates must be an object keyed by currency code' })
  @ValidateNested({ each: true })
  @Type(() => DatedRate)
  rates: Map<string, DatedRate[]>;
}

/** The rate applied to an assessment, kept on it so that the amounts can be traced to the table. */
export interface AppliedRate {
  currency: string;
  rate: string;
  /** The date from which this rate was in force. */
  validFrom: string;
  /** The last day of the rate, when the table gives one. */
  validTo?: string;
}

function rateTableProblems(table: ExchangeRates): string[] {
  if (!(table.rates instanceof Map)) return [];
  const problems: string[] = [];
  for (const [currency, entries] of table.rates) {
    if (!isKnownCurrency(currency)) problems.push(`rates.${currency}: not an ISO 4217 currency code`);
    if (!Array.isArray(entries)) continue;
    if (entries.length === 0) problems.push(`rates.${currency}: needs at least one dated rate`);
    entries.forEach((entry, i) => {
      const previous = entries[i - 1]?.validFrom;
      const previousEnd = entries[i - 1]?.validTo;
      if (i > 0 && typeof previous === 'string' && typeof entry?.validFrom === 'string') {
        if (entry.validFrom <= previous) {
          problems.push(`rates.${currency}.${i}.validFrom: ${entry.validFrom} must come after ${previous}`);
        } else if (typeof previousEnd === 'string' && previousEnd >= entry.validFrom) {
          problems.push(
            `rates.${currency}.${i}.validFrom: ${entry.validFrom} overlaps the previous rate, in force to ${previousEnd}`,
          );
        }
      }
      if (typeof entry?.validTo === 'string' && typeof entry.validFrom === 'string') {
        if (entry.validTo < entry.validFrom) {
          problems.push(`rates.${currency}.${i}.validTo: ${entry.validTo} is before validFrom`);
        }
      }
      const rate =
        typeof entry?.rate === 'string' && DECIMAL.test(entry.rate) ? exact(entry.rate) : undefined;
      if (rate?.units === 0n) problems.push(`rates.${currency}.${i}.rate: must be above 0`);
      if (currency === BASE && rate && rate.units !== 10n ** BigInt(rate.scale)) {
        problems.push(`rates.${currency}.${i}.rate: the base currency converts at 1`);
      }
    });
  }
  if (!table.rates.has(BASE)) problems.push(`rates.${BASE}: the base currency must be listed (at rate 1)`);
  return problems;
}

/** Validates raw rate data; the error lists every problem so the file is fixed in one go. */
export function parseExchangeRates(raw: unknown, source = 'exchange rates'): ExchangeRates {
  return validateDataFile(ExchangeRates, raw, source, rateTableProblems);
}

/** Reads EXCHANGE_RATES_FILE, or the table shipped with the app, and validates it. */
export function loadExchangeRates(): ExchangeRates {
  const raw = readAppJson<unknown>('declaration', 'EXCHANGE_RATES_FILE', 'exchange-rates.json');
  const file = process.env.EXCHANGE_RATES_FILE || 'apps/declaration/config/exchange-rates.json';
  return parseExchangeRates(raw, `EXCHANGE_RATES_FILE (${file})`);
}

/** The customs local date (YYYY-MM-DD) of a business instant: 2026-01-31T17:00Z is 2026-02-01 at UTC+8. */
export function customsDate(table: ExchangeRates, at: Date): string {
  return new Date(at.getTime() + table.utcOffsetMinutes * MINUTE_MS).toISOString().slice(0, 10);
}

/**
 * The rate in force at the instant: the currency's latest entry whose validFrom is on or before that
 * customs date, unless its validTo has passed. A rate without validTo stays in force until the next one
 * is published; before the first, or after a validTo with nothing next, there is none.
 */
export function rateOn(table: ExchangeRates, currency: string, at: Date): AppliedRate | undefined {
  const day = customsDate(table, at);
  const entries = table.rates.get(currency) ?? [];
  const entry = entries.filter((e) => e.validFrom <= day).at(-1);
  if (!entry || (entry.validTo !== undefined && entry.validTo < day)) return undefined;
  return {
    currency,
    rate: entry.rate,
    validFrom: entry.validFrom,
    ...(entry.validTo ? { validTo: entry.validTo } : {}),
  };
}
