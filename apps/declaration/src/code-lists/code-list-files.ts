// the code lists are validated with decorators at import time, before (and without) Nest
import 'reflect-metadata';
import { readJsonFile, validateDataFile } from '@tongguan/config';
import { appConfigFile } from '@tongguan/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';

export class UnitEntry {
  @Matches(/^[A-Z0-9]{2,3}$/, { message: 'code must be a UN/ECE Rec 20 code of 2-3 letters or digits' })
  code: string;
  @IsString() @Length(1, 100) name: string;
  @IsString() @Length(1, 50) nameZh: string;
}

/** config/units.json: the UN/ECE Recommendation 20 units a declaration line may use. */
export class UnitsFile {
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsString() source?: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => UnitEntry)
  units: UnitEntry[];
}

export const INCOTERM_TRANSPORT = ['any', 'sea-and-inland-waterway'] as const;
export const INCOTERM_GROUPS = ['E', 'F', 'C', 'D'] as const;
/** Costs up to the place of import that customs adds to the price when the buyer pays them. */
export const VALUATION_COSTS = ['loading', 'freight', 'insurance'] as const;
export type ValuationCost = (typeof VALUATION_COSTS)[number];

export class IncotermEntry {
  @Matches(/^[A-Z]{3}$/, { message: 'code must be three capital letters' }) code: string;
  @IsString() @Length(1, 100) name: string;
  @IsString() @Length(1, 50) nameZh: string;
  @IsIn(INCOTERM_TRANSPORT, { message: `transport must be one of ${INCOTERM_TRANSPORT.join(', ')}` })
  transport: (typeof INCOTERM_TRANSPORT)[number];
  @IsIn(INCOTERM_GROUPS, { message: `group must be one of ${INCOTERM_GROUPS.join(', ')}` })
  group: (typeof INCOTERM_GROUPS)[number];
  /** What the price leaves to the buyer up to the place of import: customs adds it (CIF basis). */
  @IsArray()
  @IsIn(VALUATION_COSTS, { each: true, message: `buyerPays lists some of ${VALUATION_COSTS.join(', ')}` })
  buyerPays: ValuationCost[];
}

/** config/incoterms.json: the ICC Incoterms 2020 rules. */
export class IncotermsFile {
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsString() source?: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => IncotermEntry)
  incoterms: IncotermEntry[];
}

export class TradeModeEntry {
  @Matches(/^\d{4}$/, { message: 'code must be 4 digits' }) code: string;
  @IsString() @Length(1, 100) name: string;
  @IsString() @Length(1, 50) nameZh: string;
}

/** config/trade-modes.json: the customs supervision modes (贸易方式) a declaration may state. */
export class TradeModesFile {
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsString() source?: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => TradeModeEntry)
  tradeModes: TradeModeEntry[];
}

/** A code listed twice is a slip in the file (two names for one code): reported with its index. */
function duplicateCodes(field: string, entries: unknown): string[] {
  const codes = Array.isArray(entries) ? entries.map((e) => (e as { code?: unknown } | null)?.code) : [];
  return codes.flatMap((code, i) =>
    code !== undefined && codes.indexOf(code) !== i
      ? [`${field}.${i}.code: ${String(code)} appears twice`]
      : [],
  );
}

export function parseUnits(raw: unknown, source = 'units code list'): UnitsFile {
  return validateDataFile(UnitsFile, raw, source, (file) => duplicateCodes('units', file.units));
}

export function parseIncoterms(raw: unknown, source = 'Incoterms code list'): IncotermsFile {
  return validateDataFile(IncotermsFile, raw, source, (file) => duplicateCodes('incoterms', file.incoterms));
}

export function parseTradeModes(raw: unknown, source = 'trade-mode code list'): TradeModesFile {
  return validateDataFile(TradeModesFile, raw, source, (file) =>
    duplicateCodes('tradeModes', file.tradeModes),
  );
}

/** Reads and validates a code list shipped in apps/declaration/config; a bad file stops the service. */
export function loadCodeList<T>(file: string, parse: (raw: unknown, source: string) => T): T {
  const resolved = appConfigFile('declaration', file);
  return parse(readJsonFile(resolved, 'Code list'), `Code list ${resolved}`);
}
