// the settings are validated with decorators at import time, before (and without) Nest
import 'reflect-metadata';
import { readJsonFile, validateDataFile } from '@tongguan/config';
import { appConfigFile, DECIMAL } from '@tongguan/platform';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';

const RATE = { message: '$property must be a decimal fraction written as a string, e.g. "0.003"' };

export class ValuationMethod {
  @Matches(/^\d$/, { message: 'code must be one digit' }) code: string;
  @IsString() @Length(1, 100) name: string;
  @IsString() @Length(1, 50) nameZh: string;
}

/**
 * The estimates deducted from an export's C or D term price when its declaration states no freight or
 * insurance after loading; rates of the FOB value, as the import defaults are of the cost.
 */
export class ExportValuationDefaults {
  @IsOptional() @IsArray() @IsString({ each: true }) sources?: string[];
  /** Of the value free on board: the freight from the place of export the price holds. */
  @Matches(DECIMAL, RATE) freightRate: string;
  /** Of cost and freight: the insurance after loading a CIF or CIP price holds. */
  @Matches(DECIMAL, RATE) insuranceRate: string;
}

/** config/valuation.json: default freight and insurance rates, and the valuation methods. */
export class ValuationSettings {
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsArray() @IsString({ each: true }) sources?: string[];
  /** Of cost plus freight, when insurance is neither declared nor incurred. */
  @Matches(DECIMAL, RATE) insuranceRate: string;
  /** Of the cost, when freight is not declared: stands in for the period's normal transport cost. */
  @Matches(DECIMAL, RATE) freightRate: string;
  @Matches(/^\d$/, { message: 'defaultMethod must be one digit' }) defaultMethod: string;
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ValuationMethod)
  methods: ValuationMethod[];
  @ValidateNested()
  @Type(() => ExportValuationDefaults)
  export: ExportValuationDefaults;
}

export function parseValuationSettings(raw: unknown, source = 'valuation settings'): ValuationSettings {
  return validateDataFile(ValuationSettings, raw, source, (settings) => {
    const codes = Array.isArray(settings.methods) ? settings.methods.map((m) => m?.code) : [];
    const problems = codes.flatMap((code, i) =>
      codes.indexOf(code) !== i ? [`methods.${i}.code: ${String(code)} appears twice`] : [],
    );
    if (typeof settings.defaultMethod === 'string' && !codes.includes(settings.defaultMethod)) {
      problems.push(`defaultMethod: ${settings.defaultMethod} is not one of the methods`);
    }
    return problems;
  });
}

const file = appConfigFile('declaration', 'valuation.json');
/** Loaded when first imported: the DTO's decorators need the method codes, and a bad file stops the boot. */
export const VALUATION: ValuationSettings = parseValuationSettings(
  readJsonFile(file, 'Valuation settings'),
  `Valuation settings ${file}`,
);
export const VALUATION_METHODS: readonly string[] = Object.freeze(VALUATION.methods.map((m) => m.code));
