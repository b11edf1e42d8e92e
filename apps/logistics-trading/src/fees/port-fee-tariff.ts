// the tariff is validated with decorators before (and without) Nest, which otherwise loads this
import 'reflect-metadata';
import { validateDataFile } from '@tongguan/config';
import { CURRENCY_PATTERN } from '@tongguan/contracts';
import { readAppJson } from '@tongguan/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

/**
 * How a fee is charged. Each basis is one branch of portFeeLines, so a new one (storage per day after
 * a free period) is a new entry here, its own fields on FeeRule (required only for that basis) and a
 * new case there; the compiler then points at every place that must learn it.
 */
export const FEE_BASES = ['per-bill-of-lading'] as const;
export type FeeBasis = (typeof FEE_BASES)[number];

/** Guards against a slipped digit in the file: no single port fee is a billion yuan. */
const MAX_FEE_MINOR = 100_000_000_000;

export class FeeRule {
  /** Line code on the payment, e.g. PORT_THC; stable so that reports can group by it. */
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, {
    message: 'code must be 2-40 upper-case letters, digits or underscores',
  })
  code: string;

  @IsString() @Length(1, 200) description: string;

  @IsIn(FEE_BASES, { message: `basis must be one of ${FEE_BASES.join(', ')}` })
  basis: FeeBasis;

  /** Integer minor units (fen for CNY): money is never a float. */
  @IsInt({ message: 'amountMinor must be an integer in minor units (fen), not a decimal amount' })
  @Min(0)
  @Max(MAX_FEE_MINOR)
  amountMinor: number;
}

/** The port's fee schedule, shipped as data (config/port-fees.json) and validated once at boot. */
export class PortFeeTariff {
  @IsString() @Length(1, 64) tariffId: string;

  @Matches(CURRENCY_PATTERN, { message: 'currency must be an ISO 4217 code such as CNY' })
  currency: string;

  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FeeRule)
  fees: FeeRule[];
}

/** Validates raw tariff data; the error lists every problem so the file is fixed in one go. */
export function parsePortFeeTariff(raw: unknown, source = 'port fee tariff'): PortFeeTariff {
  return validateDataFile(PortFeeTariff, raw, source, (tariff) => {
    const codes = Array.isArray(tariff.fees) ? tariff.fees.map((f) => f?.code) : [];
    return codes.flatMap((code, i) =>
      codes.indexOf(code) !== i ? [`fees.${i}.code: ${code} appears twice`] : [],
    );
  });
}

/** Reads PORT_FEES_FILE, or the tariff shipped with the app, and validates it. */
export function loadPortFeeTariff(): PortFeeTariff {
  const raw = readAppJson<unknown>('logistics-trading', 'PORT_FEES_FILE', 'port-fees.json');
  const source = process.env.PORT_FEES_FILE || 'apps/logistics-trading/config/port-fees.json';
  return parsePortFeeTariff(raw, `PORT_FEES_FILE (${source})`);
}
