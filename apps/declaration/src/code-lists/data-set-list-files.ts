// validated with decorators at import time, before (and without) Nest
import 'reflect-metadata';
import { validateDataFile } from '@tongguan/config';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';

/**
 * The code lists of the declaration's data set (declaration types, transport modes, container types,
 * previous documents, packages, duty regimes, supervision documents): one shape, `codes` of a code
 * and its names in English and Chinese. Lists that carry more (goods locations, preferences,
 * commodity requirements) have their own classes below.
 */
export class CodedEntry {
  @Matches(/^[0-9A-Za-z-]{1,20}$/, { message: 'code must be 1-20 letters, digits or dashes' }) code: string;
  @IsString() @Length(1, 200) name: string;
  @IsString() @Length(1, 50) nameZh: string;
}

export class CodeListFile {
  @IsString() @Length(1, 2000) description: string;
  /** Every list names where its codes come from. */
  @IsString() @Length(1, 500) source: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CodedEntry)
  codes: CodedEntry[];
}

const COUNTRY = /^[A-Z]{2}$/;
const LOCODE = /^[A-Z]{2}[A-Z2-9]{3}$/;
const UNIT = /^[A-Z0-9]{2,3}$/;

export class GoodsLocationEntry extends CodedEntry {
  @Matches(LOCODE, { message: 'port must be a UN/LOCODE' }) port: string;
}

export class GoodsLocationsFile {
  @IsString() @Length(1, 2000) description: string;
  @IsString() @Length(1, 500) source: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => GoodsLocationEntry)
  locations: GoodsLocationEntry[];
}

export class PreferenceEntry extends CodedEntry {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @Matches(COUNTRY, { each: true, message: 'partners must be ISO 3166 alpha-2 codes' })
  partners: string[];
}

export class PreferencesFile {
  @IsString() @Length(1, 2000) description: string;
  @IsString() @Length(1, 500) source: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PreferenceEntry)
  agreements: PreferenceEntry[];
}

/**
 * A duty regime (征免方式) and what it does to the assessment: the share of the tariff's duty levied
 * ("1" in full, "0.5" half, "0" none), whether import VAT is levied, and the approval a line under it
 * must carry (a supervision document code) where customs grants the relief case by case.
 */
export class DutyRegimeEntry extends CodedEntry {
  @Matches(/^(0|1|0\.\d{1,4})$/, { message: 'dutyShare must be a decimal string from "0" to "1"' })
  dutyShare: string;
  @IsBoolean() vatLevied: boolean;
  @IsOptional() @IsString() @Length(1, 20) approvalDocument?: string;
}

export class DutyRegimesFile {
  @IsString() @Length(1, 2000) description: string;
  @IsString() @Length(1, 500) source: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DutyRegimeEntry)
  codes: DutyRegimeEntry[];
}

export class CommodityRequirement {
  @Matches(/^\d{4,10}$/, { message: 'hsPrefix must be 4 to 10 digits' }) hsPrefix: string;
  @IsOptional() @IsString() @Length(1, 200) description?: string;
  /** The first legal unit, and the second where the tariff line has one. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @Matches(UNIT, { each: true, message: 'legalUnits must be UN/ECE Rec 20 codes' })
  legalUnits: string[];
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) importDocuments: string[];
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) exportDocuments: string[];
}

export class CommodityRequirementsFile {
  @IsString() @Length(1, 2000) description: string;
  @IsString() @Length(1, 500) source: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20000)
  @ValidateNested({ each: true })
  @Type(() => CommodityRequirement)
  commodities: CommodityRequirement[];
}

/** A key listed twice is a slip in the file: reported with its index. */
function duplicates(field: string, keys: unknown[], key = 'code'): string[] {
  return keys.flatMap((k, i) =>
    k !== undefined && keys.indexOf(k) !== i ? [`${field}.${i}.${key}: ${String(k)} appears twice`] : [],
  );
}

const codesOf = (entries: unknown, key = 'code'): unknown[] =>
  Array.isArray(entries) ? entries.map((e) => (e as Record<string, unknown> | null)?.[key]) : [];

export function parseCodeList(raw: unknown, source: string): CodeListFile {
  return validateDataFile(CodeListFile, raw, source, (f) => duplicates('codes', codesOf(f.codes)));
}

export function parseGoodsLocations(raw: unknown, source: string): GoodsLocationsFile {
  return validateDataFile(GoodsLocationsFile, raw, source, (f) =>
    duplicates('locations', codesOf(f.locations)),
  );
}

export function parsePreferences(raw: unknown, source: string): PreferencesFile {
  return validateDataFile(PreferencesFile, raw, source, (f) =>
    duplicates('agreements', codesOf(f.agreements)),
  );
}

/** An approval document must be one of the supervision documents: checked at boot. */
export function parseDutyRegimes(
  raw: unknown,
  source: string,
  documents: readonly string[],
): DutyRegimesFile {
  return validateDataFile(DutyRegimesFile, raw, source, (f) => [
    ...duplicates('codes', codesOf(f.codes)),
    ...(Array.isArray(f.codes) ? f.codes : []).flatMap((c, i) =>
      typeof c?.approvalDocument === 'string' && !documents.includes(c.approvalDocument)
        ? [`codes.${i}.approvalDocument: ${c.approvalDocument} is not in supervision-documents.json`]
        : [],
    ),
  ]);
}

/**
 * Commodity requirements name documents and units of other lists: a code those lists lack is an error
 * of the file, caught at boot rather than as a requirement no filing can meet.
 */
export function parseCommodityRequirements(
  raw: unknown,
  source: string,
  known: { documents: readonly string[]; units: readonly string[] },
): CommodityRequirementsFile {
  return validateDataFile(CommodityRequirementsFile, raw, source, (f) => {
    const entries = Array.isArray(f.commodities) ? f.commodities : [];
    const unknown = entries.flatMap((c, i) => [
      ...(['importDocuments', 'exportDocuments'] as const).flatMap((list) =>
        (Array.isArray(c?.[list]) ? c[list] : [])
          .filter((d) => !known.documents.includes(d))
          .map((d) => `commodities.${i}.${list}: ${d} is not a supervision document of the code list`),
      ),
      ...(Array.isArray(c?.legalUnits) ? c.legalUnits : [])
        .filter((u) => !known.units.includes(u))
        .map((u) => `commodities.${i}.legalUnits: ${u} is not a unit of the code list`),
    ]);
    return [...duplicates('commodities', codesOf(f.commodities, 'hsPrefix'), 'hsPrefix'), ...unknown];
  });
}
