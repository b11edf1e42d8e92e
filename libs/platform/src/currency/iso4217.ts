// the table is validated with decorators when first read, before (and without) Nest
import 'reflect-metadata';
import { readJsonFile, validateDataFile } from '@tongguan/config';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { sharedConfigFile } from '../app-files';

export class Iso4217Currency {
  @Matches(/^[A-Z]{3}$/, { message: 'code must be three capital letters' }) code: string;
  @Matches(/^\d{3}$/, { message: 'numeric must be the 3-digit ISO 4217 number' }) numeric: string;
  /** Digits after the decimal point; null where ISO says N.A. (gold, the SDR): not money to declare. */
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(4)
  minorUnits: number | null;
  @IsString() @Length(1, 100) name: string;
}

/** config/iso4217.json: ISO 4217 List One, pinned with its publication date. */
export class Iso4217File {
  @IsOptional() @IsString() description?: string;
  @IsString() @Length(1, 300) source: string;
  @IsISO8601({ strict: true }) published: string;
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => Iso4217Currency)
  currencies: Iso4217Currency[];
}

export function parseIso4217(raw: unknown, source = 'ISO 4217 table'): Iso4217File {
  return validateDataFile(Iso4217File, raw, source, (file) => {
    const codes = Array.isArray(file.currencies) ? file.currencies.map((c) => c?.code) : [];
    return codes.flatMap((code, i) =>
      codes.indexOf(code) !== i ? [`currencies.${i}.code: ${String(code)} appears twice`] : [],
    );
  });
}

let table: ReadonlyMap<string, Iso4217Currency> | undefined;

/**
 * The pinned table (config/iso4217.json), read and validated once. Minor units come from here and
 * never from Intl: ICU follows CLDR's display digits, which differ from ISO for a dozen currencies
 * (IDR and HUF have 2 minor units in ISO, 0 in CLDR; IQD 3 against 0).
 */
export function iso4217(): ReadonlyMap<string, Iso4217Currency> {
  if (!table) {
    const file = sharedConfigFile('iso4217.json');
    const parsed = parseIso4217(readJsonFile(file, 'ISO 4217 table'), `ISO 4217 table ${file}`);
    table = new Map(parsed.currencies.map((c) => [c.code, c]));
  }
  return table;
}

/** An ISO 4217 currency money can be declared in: listed, with minor units (not gold, not the SDR). */
export function isMoneyCurrency(code: string): boolean {
  return typeof iso4217().get(code)?.minorUnits === 'number';
}

/** Digits after the decimal point of the currency: 2 for CNY and IDR, 0 for JPY, 3 for KWD. */
export function minorUnitsOf(code: string): number {
  const minorUnits = iso4217().get(code)?.minorUnits;
  if (typeof minorUnits !== 'number') throw new Error(`${code} is not an ISO 4217 currency with minor units`);
  return minorUnits;
}
