import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
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
import { appConfigFile } from '@tongguan/platform';
import path from 'node:path';

const RULE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

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
  @IsObject() @ValidateNested() @Type(() => GreenChannelRule) greenChannel: GreenChannelRule;
  @IsObject() @ValidateNested() @Type(() => RandomSelectionRule) randomSelection: RandomSelectionRule;
}

/** Checks what class-validator cannot: thresholds in order and rule ids unique (reasons cite them). */
function crossChecks(rules: RiskRules): string[] {
  const problems: string[] = [];
  const { yellow, red } = rules.thresholds ?? {};
  if (typeof yellow === 'number' && typeof red === 'number' && yellow >= red) {
    problems.push('thresholds: yellow must be below red');
  }
  const rulesOf = (list: unknown) => (Array.isArray(list) ? (list as { id?: unknown }[]) : []);
  const ids = [...rulesOf(rules.originRules), ...rulesOf(rules.hsChapterRules)].map((r) => r?.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) problems.push(`rules: rule id ${id} is used twice`);
  });
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
