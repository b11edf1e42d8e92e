// the tariff is validated with decorators before (and without) Nest, which otherwise loads this
import 'reflect-metadata';
import { validateDataFile } from '@tongguan/config';
import { readAppJson } from '@tongguan/platform';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInstance,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { UNITS } from '../code-lists/code-lists';

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
 * One HS heading. An ad valorem rate, a specific duty, or both (a compound duty: the sum); a heading
 * that is duty-free says adValoremRate 0. vatRate, when present, replaces the tariff's standard rate.
 */
export class TariffHeading {
  @IsString() @Length(1, 300) description: string;
  @IsOptional() @IsNumber() @Min(0) @Max(5) adValoremRate?: number;
  @IsOptional() @ValidateNested() @Type(() => SpecificDuty) specificDuty?: SpecificDuty;
  @IsOptional() @IsNumber() @Min(0) @Max(0.99) vatRate?: number;
}

/** config/tariff.json (TARIFF_FILE): the HS headings the assessment knows, keyed by their 4 digits. */
export class Tariff {
  @IsOptional() @IsString() description?: string;
  /** The standard import VAT rate, on customs value plus duty. */
  @IsNumber() @Min(0) @Max(0.99) vatRate: number;
  @IsInstance(Map, { message: 'headings must be an object keyed by HS heading' })
  @ValidateNested({ each: true })
  @Type(() => TariffHeading)
  headings: Map<string, TariffHeading>;
}

/** What the decorators cannot see: the heading keys, and a duty on every heading. */
function tariffProblems(tariff: Tariff): string[] {
  if (!(tariff.headings instanceof Map)) return [];
  return [...tariff.headings].flatMap(([code, heading]) => {
    const problems: string[] = [];
    if (!/^\d{4}$/.test(code)) {
      problems.push(`headings.${code}: a heading is the 4 first digits of an HS code`);
    }
    if (heading === null || typeof heading !== 'object') return problems;
    if (heading.adValoremRate === undefined && heading.specificDuty === undefined) {
      problems.push(`headings.${code}: needs adValoremRate, specificDuty or both (adValoremRate 0 if free)`);
    }
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
