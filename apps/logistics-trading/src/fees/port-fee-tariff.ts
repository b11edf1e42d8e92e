// the tariff is validated with decorators before (and without) Nest, which otherwise loads this
import 'reflect-metadata';
import { validateDataFile } from '@tongguan/config';
import { CURRENCY_PATTERN } from '@tongguan/contracts';
import { readAppJson } from '@tongguan/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

/**
 * How a fee is charged. Each basis is one branch of portFeeLines, with its own fields on FeeRule
 * (required for that basis, refused on the others); the compiler points at every place that must learn
 * a new one.
 */
export const FEE_BASES = ['per-bill-of-lading', 'storage-per-day'] as const;
export type FeeBasis = (typeof FEE_BASES)[number];

/**
 * What storage is counted in. 'container': each container of the B/L. 'tonne': each started tonne of
 * gross weight, for cargo discharged without containers (break bulk) only, so a tariff may hold both
 * rules without charging containerised cargo twice. TEU would need container sizes, which the manifest
 * (CargoArrived) does not carry.
 */
export const STORAGE_UNITS = ['container', 'tonne'] as const;
export type StorageUnit = (typeof STORAGE_UNITS)[number];

const BASIS_FIELDS: Record<FeeBasis, string[]> = {
  'per-bill-of-lading': ['amountMinor'],
  'storage-per-day': ['unit', 'freeDays', 'tiers'],
};

/** Guards against a slipped digit in the file: no single port fee is a billion yuan. */
const MAX_FEE_MINOR = 100_000_000_000;
/** A storage day rate per unit above 100 000 yuan is a slipped digit as well. */
const MAX_DAILY_RATE_MINOR = 10_000_000;
const isStorage = (rule: FeeRule) => rule.basis === 'storage-per-day';

export class StorageTierRule {
  /** The storage day this rate starts on (day 1 = the day of discharge). */
  @IsInt() @Min(1) @Max(3650) fromDay: number;

  @IsInt({ message: 'dailyRateMinor must be an integer in minor units (fen), not a decimal amount' })
  @Min(0)
  @Max(MAX_DAILY_RATE_MINOR)
  dailyRateMinor: number;
}

export class FeeRule {
  /** Line code on the payment, e.g. PORT_THC; stable so that reports can group by it. */
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, {
    message: 'code must be 2-40 upper-case letters, digits or underscores',
  })
  code: string;

  @IsString() @Length(1, 120) description: string;

  @IsIn(FEE_BASES, { message: `basis must be one of ${FEE_BASES.join(', ')}` })
  basis: FeeBasis;

  /** per-bill-of-lading: integer minor units (fen for CNY): money is never a float. */
  @ValidateIf((rule: FeeRule) => rule.basis === 'per-bill-of-lading')
  @IsInt({ message: 'amountMinor must be an integer in minor units (fen), not a decimal amount' })
  @Min(0)
  @Max(MAX_FEE_MINOR)
  amountMinor: number;

  /** storage-per-day: what one unit is. */
  @ValidateIf(isStorage)
  @IsIn(STORAGE_UNITS, { message: `unit must be one of ${STORAGE_UNITS.join(', ')}` })
  unit: StorageUnit;

  /** storage-per-day: days from discharge that cost nothing. */
  @ValidateIf(isStorage) @IsInt() @Min(0) @Max(365) freeDays: number;

  /** storage-per-day: the rates after the free period, by ascending fromDay; the last one runs on. */
  @ValidateIf(isStorage)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => StorageTierRule)
  tiers: StorageTierRule[];
}

/** The port's fee schedule, shipped as data (config/port-fees.json) and validated once at boot. */
export class PortFeeTariff {
  @IsString() @Length(1, 64) tariffId: string;

  @Matches(CURRENCY_PATTERN, { message: 'currency must be an ISO 4217 code such as CNY' })
  currency: string;

  /** Minutes east of UTC of the port's local time: storage days are the port's calendar days (+480 for China). */
  @IsInt() @Min(-720) @Max(840) utcOffsetMinutes: number;

  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FeeRule)
  fees: FeeRule[];
}

/** Validates raw tariff data; the error lists every problem so the file is fixed in one go. */
export function parsePortFeeTariff(raw: unknown, source = 'port fee tariff'): PortFeeTariff {
  return validateDataFile(PortFeeTariff, raw, source, (tariff) => {
    const rules = Array.isArray(tariff.fees) ? tariff.fees : [];
    const codes = rules.map((f) => f?.code);
    return [
      ...codes.flatMap((code, i) =>
        codes.indexOf(code) !== i ? [`fees.${i}.code: ${code} appears twice`] : [],
      ),
      ...rules.flatMap((rule, i) => (rule ? ruleProblems(rule, `fees.${i}`) : [])),
    ];
  });
}

/** Fields of another basis, and a storage scale whose tiers do not follow on from the free period. */
function ruleProblems(rule: FeeRule, at: string): string[] {
  const own = BASIS_FIELDS[rule.basis] ?? [];
  const foreign = Object.values(BASIS_FIELDS)
    .flat()
    .filter(
      (field) => !own.includes(field) && (rule as unknown as Record<string, unknown>)[field] !== undefined,
    )
    .map((field) => `${at}.${field}: not a field of a ${rule.basis} fee`);
  if (!isStorage(rule) || !Array.isArray(rule.tiers) || !Number.isInteger(rule.freeDays)) return foreign;
  const days = rule.tiers.map((tier) => tier?.fromDay);
  const order = days.flatMap((day, i) =>
    i > 0 && !(day > days[i - 1]) ? [`${at}.tiers.${i}.fromDay: must come after day ${days[i - 1]}`] : [],
  );
  const start =
    days[0] !== rule.freeDays + 1
      ? [`${at}.tiers.0.fromDay: the first rate must start the day after the ${rule.freeDays} free days`]
      : [];
  return [...foreign, ...start, ...order];
}

/** Reads PORT_FEES_FILE, or the tariff shipped with the app, and validates it. */
export function loadPortFeeTariff(): PortFeeTariff {
  const raw = readAppJson<unknown>('logistics-trading', 'PORT_FEES_FILE', 'port-fees.json');
  const source = process.env.PORT_FEES_FILE || 'apps/logistics-trading/config/port-fees.json';
  return parsePortFeeTariff(raw, `PORT_FEES_FILE (${source})`);
}
