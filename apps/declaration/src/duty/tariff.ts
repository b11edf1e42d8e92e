// the tariff is validated with decorators before (and without) Nest, which otherwise loads this
import 'reflect-metadata';
import { validateDataFile } from '@tongguan/config';
import { DECIMAL, exact, readAppJson } from '@tongguan/platform';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInstance,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { UNITS } from '../code-lists/code-lists';
import { PREFERENCES } from '../code-lists/data-set-code-lists';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const RATE = { message: '$property must be a decimal fraction written as a string, e.g. "0.065"' };

/** A specific duty: a fixed amount per unit of the declared quantity, in that unit only. */
export class SpecificDuty {
  /** Integer CNY fen per unit: money is never a float. */
  @IsInt({ message: 'fenPerUnit must be an integer amount of CNY fen' })
  @Min(1)
  @Max(100_000_000)
  fenPerUnit: number;

  /** The UN/ECE Rec 20 unit the quantity must be declared in (config/units.json). */
  @IsIn(UNITS, { message: `unit must be one of config/units.json: ${UNITS.join(', ')}` })
  unit: string;
}

/**
 * The rates of a tariff line for one period, validFrom to validTo (both customs local dates, both
 * included; no validTo: until further notice). An ad valorem rate, a specific duty, or both (compound:
 * the sum); duty-free says adValoremRate "0". vatRate replaces the tariff's standard rate; exportRate
 * is the export duty (ad valorem, on the export customs value) where the line has one.
 */
export class TariffPeriod {
  @Matches(DAY, { message: 'validFrom must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'validFrom must be a calendar date' })
  validFrom: string;

  @IsOptional()
  @Matches(DAY, { message: 'validTo must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'validTo must be a calendar date' })
  validTo?: string;

  @IsOptional() @Matches(DECIMAL, RATE) adValoremRate?: string;
  @IsOptional() @ValidateNested() @Type(() => SpecificDuty) specificDuty?: SpecificDuty;
  @IsOptional() @Matches(DECIMAL, RATE) vatRate?: string;
  @IsOptional() @Matches(DECIMAL, RATE) exportRate?: string;
  /**
   * Conventional rates of the preferential agreements (config/preferences.json) for this period, by
   * agreement code: an ad valorem rate that replaces the whole general duty for a line whose claim
   * stands (partner origin, certificate of origin declared).
   */
  @IsOptional()
  @IsObject({ message: 'agreementRates must map agreement codes to rates' })
  agreementRates?: Record<string, string>;
}

/** One line of the tariff: a 4-digit heading, a 6-digit subheading or an 8/10-digit national line. */
export class TariffLine {
  @IsString() @Length(1, 300) description: string;
  @IsArray()
  @ArrayMinSize(1, { message: 'rates must list at least one dated period' })
  @ValidateNested({ each: true })
  @Type(() => TariffPeriod)
  rates: TariffPeriod[];
}

/**
 * config/tariff.json (TARIFF_FILE): tariff lines keyed by their code (4, 6, 8 or 10 digits), each with
 * its dated rates. An HS code takes the rates of its most specific line: 87032342 those of 87032342 if
 * listed, else of 870323, else of heading 8703.
 */
export class Tariff {
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsString() source?: string;
  /** The standard import VAT rate, on customs value plus duty. */
  @Matches(DECIMAL, RATE) vatRate: string;
  @IsInstance(Map, { message: 'lines must be an object keyed by tariff code' })
  @ValidateNested({ each: true })
  @Type(() => TariffLine)
  lines: Map<string, TariffLine>;
}

/** A rate above this is a slip in the file (a percentage written as a fraction's 100 times). */
const MAX_RATE = 5;

function rateProblems(at: string, period: TariffPeriod): string[] {
  const problems: string[] = [];
  for (const field of ['adValoremRate', 'vatRate', 'exportRate'] as const) {
    const value = period[field];
    if (typeof value === 'string' && DECIMAL.test(value)) {
      const { units, scale } = exact(value);
      const limit = field === 'vatRate' ? 1 : MAX_RATE;
      if (units >= BigInt(limit) * 10n ** BigInt(scale))
        problems.push(`${at}.${field}: must be below ${limit}`);
    }
  }
  const agreed = period.agreementRates;
  if (agreed !== null && typeof agreed === 'object' && !Array.isArray(agreed)) {
    for (const [code, rate] of Object.entries(agreed)) {
      if (!PREFERENCES.includes(code)) {
        problems.push(`${at}.agreementRates.${code}: not an agreement of config/preferences.json`);
      }
      if (typeof rate !== 'string' || !DECIMAL.test(rate)) {
        problems.push(`${at}.agreementRates.${code}: ${RATE.message.replace('$property', 'a rate')}`);
      } else if (exact(rate).units >= BigInt(MAX_RATE) * 10n ** BigInt(exact(rate).scale)) {
        problems.push(`${at}.agreementRates.${code}: must be below ${MAX_RATE}`);
      }
    }
  }
  if (period.adValoremRate === undefined && period.specificDuty === undefined) {
    problems.push(`${at}: needs adValoremRate, specificDuty or both (adValoremRate "0" if free)`);
  }
  if (typeof period.validTo === 'string' && typeof period.validFrom === 'string') {
    if (period.validTo < period.validFrom)
      problems.push(`${at}.validTo: ${period.validTo} is before validFrom`);
  }
  return problems;
}

/** What the decorators cannot see: the codes, a duty in every period, periods in order without overlap. */
function tariffProblems(tariff: Tariff): string[] {
  if (!(tariff.lines instanceof Map)) return [];
  return [...tariff.lines].flatMap(([code, line]) => {
    const problems: string[] = [];
    if (!/^\d{4}(\d{2}){0,3}$/.test(code)) {
      problems.push(`lines.${code}: a tariff code is 4, 6, 8 or 10 digits`);
    }
    if (line === null || typeof line !== 'object' || !Array.isArray(line.rates)) return problems;
    line.rates.forEach((period, i) => {
      if (period === null || typeof period !== 'object') return;
      problems.push(...rateProblems(`lines.${code}.rates.${i}`, period));
      const previous = line.rates[i - 1];
      if (i === 0 || typeof previous?.validFrom !== 'string' || typeof period.validFrom !== 'string') return;
      if (previous.validTo === undefined || previous.validTo >= period.validFrom) {
        problems.push(
          `lines.${code}.rates.${i}.validFrom: ${period.validFrom} overlaps the period from ${previous.validFrom}` +
            ` (${previous.validTo ? `to ${previous.validTo}` : 'open-ended'}): periods go in date order, each ending before the next`,
        );
      }
    });
    return problems;
  });
}

/** Validates raw tariff data; the error lists every problem so the file is fixed in one go. */
export function parseTariff(raw: unknown, source = 'tariff'): Tariff {
  return validateDataFile(Tariff, raw, source, tariffProblems);
}

/** Reads TARIFF_FILE, or the tariff shipped with the app, and validates it. */
export function loadTariff(): Tariff {
  const raw = readAppJson<unknown>('declaration', 'TARIFF_FILE', 'tariff.json');
  const file = process.env.TARIFF_FILE || 'apps/declaration/config/tariff.json';
  return parseTariff(raw, `TARIFF_FILE (${file})`);
}

export function headingOf(hsCode: string): string {
  return hsCode.slice(0, 4);
}

/** The most specific line of the tariff for an HS code, with its code; none if even the heading is missing. */
export function tariffLineOf(tariff: Tariff, hsCode: string): { code: string; line: TariffLine } | undefined {
  for (let length = Math.min(10, hsCode.length - (hsCode.length % 2)); length >= 4; length -= 2) {
    const code = hsCode.slice(0, length);
    const line = tariff.lines.get(code);
    if (line) return { code, line };
  }
  return undefined;
}

/** The rates in force on a customs local date (YYYY-MM-DD), with the line they come from. */
export interface RatesInForce extends TariffPeriod {
  tariffCode: string;
}

export function ratesOn(tariff: Tariff, hsCode: string, day: string): RatesInForce | undefined {
  const found = tariffLineOf(tariff, hsCode);
  const period = found?.line.rates.find(
    (p) => p.validFrom <= day && (p.validTo === undefined || day <= p.validTo),
  );
  return found && period && { tariffCode: found.code, ...period };
}
