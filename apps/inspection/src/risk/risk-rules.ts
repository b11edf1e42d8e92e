import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { readJsonFile, validateDataFile } from '@tongguan/config';
import { appConfigFile, DECIMAL, exact, isMoneyCurrency } from '@tongguan/platform';
import path from 'node:path';

const RULE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/**
 * Rates and ratios are decimal strings, read exactly. A JSON number (a file written before they were
 * strings) is read from its shortest text, as the declaration service reads its own: 7.74 is "7.74".
 */
const AsDecimalText = () => Transform(({ value }) => (typeof value === 'number' ? String(value) : value));
const decimal = (example: string) => ({
  message: `$property must be a decimal written as a string, e.g. "${example}"`,
});

/** Ids the built-in rules write into matchedRules; a configured rule may not take them. */
export const BUILT_IN_RULE_IDS = [
  'undervalued-item',
  'failed-inspections',
  'random-selection',
  'aeo-trader',
  'green-channel',
  'clean-record',
] as const;

class Thresholds {
  @IsNumber() @Min(1) @Max(100) yellow: number;
  @IsNumber() @Min(1) @Max(100) red: number;
}

export class OriginRule {
  @Matches(RULE_ID) id: string;
  @IsArray()
  @ArrayMaxSize(250)
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'each country must be an ISO 3166 alpha-2 code' })
  countries: string[];
  @IsNumber() @Min(0) @Max(100) score: number;
  @IsString() @Length(1, 200) reason: string;
}

export class HsChapterRule {
  @Matches(RULE_ID) id: string;
  @IsArray()
  @ArrayMaxSize(99)
  @Matches(/^\d{2}$/, { each: true, message: 'each chapter must be the 2 first digits of an HS code' })
  chapters: string[];
  @IsNumber() @Min(0) @Max(100) score: number;
  @IsString() @Length(1, 200) reason: string;
}

/** The least customs value a declaration line of this heading (4 digits) or subheading (6) plausibly has. */
export class ReferenceValue {
  @Matches(/^\d{4}(\d{2})?$/, { message: 'hs must be an HS heading (4 digits) or subheading (6 digits)' })
  hs: string;
  @IsInt() @Min(1) minItemValueFen: number;
  @IsOptional() @IsString() @Length(1, 200) description?: string;
}

/** CNY per one unit of a declaration currency (customs rate of the period; CNY itself needs none). */
export class ExchangeRate {
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' }) currency: string;
  @AsDecimalText() @IsString() @Matches(DECIMAL, decimal('7.12')) cnyPerUnit: string;
}

class UndervaluationRule {
  /** An item is undervalued when its value in CNY is below ratio × the reference value of its heading (0 < ratio ≤ 1). */
  @AsDecimalText() @IsString() @Matches(DECIMAL, decimal('0.5')) ratio: string;
  @IsNumber() @Min(0) @Max(100) score: number;
  @IsString() @Length(1, 200) reason: string;
  @IsArray()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => ReferenceValue)
  referenceValues: ReferenceValue[];
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ExchangeRate)
  exchangeRates: ExchangeRate[];
}

class FailedInspectionsRule {
  @IsNumber() @Min(0) @Max(100) scorePerFailure: number;
  @IsNumber() @Min(0) @Max(100) maxScore: number;
  @IsString() @Length(1, 200) reason: string;
}

class CleanRecordRule {
  @IsInt() @Min(1) minPassed: number;
  @IsNumber() @Min(0) @Max(100) discount: number;
  @IsString() @Length(1, 200) reason: string;
}

class TraderHistoryRules {
  @IsObject() @ValidateNested() @Type(() => FailedInspectionsRule) failedInspections: FailedInspectionsRule;
  @IsObject() @ValidateNested() @Type(() => CleanRecordRule) cleanRecord: CleanRecordRule;
}

class AeoTraderRule {
  @IsNumber() @Min(0) @Max(100) discount: number;
  /** From this many failed inspections on, the trader's own record outweighs its certificate. */
  @IsInt() @Min(1) withheldFromFailures: number;
  @IsString() @Length(1, 200) reason: string;
}

class GreenChannelRule {
  @IsNumber() @Min(0) @Max(100) discount: number;
  @IsString() @Length(1, 200) reason: string;
}

class RandomSelectionRule {
  @IsNumber() @Min(0) @Max(100) score: number;
  @IsString() @Length(1, 200) reason: string;
}

/** The risk profile shipped as config/risk-rules.json: data an officer can change without a release. */
export class RiskRules {
  @IsIn([1]) version: 1;
  @IsOptional() @IsString() description?: string;
  @IsObject() @ValidateNested() @Type(() => Thresholds) thresholds: Thresholds;
  @IsArray() @ValidateNested({ each: true }) @Type(() => OriginRule) originRules: OriginRule[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => HsChapterRule) hsChapterRules: HsChapterRule[];
  @IsObject() @ValidateNested() @Type(() => UndervaluationRule) undervaluation: UndervaluationRule;
  @IsObject() @ValidateNested() @Type(() => TraderHistoryRules) traderHistory: TraderHistoryRules;
  @IsObject() @ValidateNested() @Type(() => AeoTraderRule) aeoTrader: AeoTraderRule;
  @IsObject() @ValidateNested() @Type(() => GreenChannelRule) greenChannel: GreenChannelRule;
  /** The AEO, green-channel and clean-record discounts together lower a score by at most this much. */
  @IsNumber() @Min(0) @Max(100) maxTotalDiscount: number;
  @IsObject() @ValidateNested() @Type(() => RandomSelectionRule) randomSelection: RandomSelectionRule;
}

const listOf = <T>(list: unknown): Partial<T>[] => (Array.isArray(list) ? (list as Partial<T>[]) : []);

function duplicates(values: unknown[]): unknown[] {
  return values.filter((v, i) => v !== undefined && values.indexOf(v) !== i);
}

/** Exact bounds of the decimal strings (the first check already reported one that is not a decimal). */
function decimalRangeChecks(valuation: Partial<UndervaluationRule> | undefined): string[] {
  const problems: string[] = [];
  const read = (value: unknown) =>
    typeof value === 'string' && DECIMAL.test(value) ? exact(value) : undefined;
  const ratio = read(valuation?.ratio);
  if (ratio && (ratio.units === 0n || ratio.units > 10n ** BigInt(ratio.scale))) {
    problems.push(`undervaluation.ratio: ratio must be above 0 and at most 1, not ${valuation?.ratio}`);
  }
  listOf<ExchangeRate>(valuation?.exchangeRates).forEach((rate, i) => {
    if (read(rate?.cnyPerUnit)?.units === 0n) {
      problems.push(`undervaluation.exchangeRates.${i}.cnyPerUnit: cnyPerUnit must be above 0`);
    }
  });
  return problems;
}

/** Checks what class-validator cannot: thresholds in order, ids and keys unique (reasons cite them). */
function crossChecks(rules: RiskRules): string[] {
  const problems: string[] = [];
  const { yellow, red } = rules.thresholds ?? {};
  if (typeof yellow === 'number' && typeof red === 'number' && yellow >= red) {
    problems.push('thresholds: yellow must be below red');
  }
  const ids = [...listOf<OriginRule>(rules.originRules), ...listOf<HsChapterRule>(rules.hsChapterRules)].map(
    (r) => r?.id,
  );
  for (const id of duplicates(ids)) problems.push(`rules: rule id ${String(id)} is used twice`);
  for (const id of ids.filter((id) => (BUILT_IN_RULE_IDS as readonly unknown[]).includes(id))) {
    problems.push(`rules: rule id ${id} is reserved for a built-in rule`);
  }
  const valuation = rules.undervaluation;
  problems.push(...decimalRangeChecks(valuation));
  const references = listOf<ReferenceValue>(valuation?.referenceValues).map((r) => r?.hs);
  for (const hs of duplicates(references)) {
    problems.push(`undervaluation.referenceValues: HS ${String(hs)} has two reference values`);
  }
  listOf<ExchangeRate>(valuation?.exchangeRates).forEach((rate, i) => {
    const currency = rate?.currency;
    if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) return;
    const at = `undervaluation.exchangeRates.${i}.currency`;
    if (currency === 'CNY') problems.push(`${at}: CNY is the base currency and takes no rate`);
    else if (!isMoneyCurrency(currency)) problems.push(`${at}: ${currency} is not an ISO 4217 currency`);
  });
  const currencies = listOf<ExchangeRate>(valuation?.exchangeRates).map((r) => r?.currency);
  for (const c of duplicates(currencies)) {
    problems.push(`undervaluation.exchangeRates: ${String(c)} has two rates`);
  }
  const failed = rules.traderHistory?.failedInspections;
  if (
    typeof failed?.scorePerFailure === 'number' &&
    typeof failed.maxScore === 'number' &&
    failed.maxScore < failed.scorePerFailure
  ) {
    problems.push('traderHistory.failedInspections: maxScore must not be below scorePerFailure');
  }
  return problems;
}

/** Validates parsed JSON into RiskRules; the error lists every problem with its path. */
export function parseRiskRules(raw: unknown, source = 'risk rules'): RiskRules {
  return validateDataFile(RiskRules, raw, `Risk rules in ${source}`, crossChecks);
}

/** The profile shipped with the app, found from source (jest) and from dist/ alike. */
export function defaultRiskRulesFile(): string {
  return appConfigFile('inspection', 'risk-rules.json');
}

/** Reads and validates the rules at boot; a missing or malformed file stops the service with its path. */
export function loadRiskRules(file: string = defaultRiskRulesFile()): RiskRules {
  return parseRiskRules(readJsonFile(file, 'RISK_RULES_FILE'), path.resolve(file));
}
