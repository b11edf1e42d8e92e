// the registry is validated with decorators before (and without) Nest, which otherwise loads this
import 'reflect-metadata';
import { validateDataFile } from '@tongguan/config';
import { CURRENCY_PATTERN } from '@tongguan/contracts';
import { readAppJson } from '@tongguan/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const GUARANTEE_NUMBER = ID;
/** Guards against a slipped digit: no bank guarantee here is above 10 billion yuan. */
const MAX_LIMIT_MINOR = 1_000_000_000_000;

/**
 * A bank guarantee lodged with customs by an AEO-certified trader: up to its limit, the trader's duties
 * and fees count as secured, so customs may release before the money moves (deferred payment).
 */
export class AeoGuarantee {
  /** The trader's party id: the importerId of its declarations and the party claim of its token. */
  @Matches(ID, { message: 'traderId must be a party id (letters, digits, . _ -)' }) traderId: string;
  @Matches(/^AEO-[A-Z]{2}-[A-Z0-9-]{1,40}$/, { message: 'aeoCertificate must look like AEO-CN-4403-0001' })
  aeoCertificate: string;
  @Matches(ID, { message: 'guaranteeNumber must be letters, digits, . _ -' }) guaranteeNumber: string;
  @IsString() @Length(1, 200) bank: string;
  @Matches(CURRENCY_PATTERN, { message: 'currency must be an ISO 4217 code such as CNY' }) currency: string;
  @IsInt({ message: 'limitMinor must be an integer in minor units (fen), not a decimal amount' })
  @Min(1)
  @Max(MAX_LIMIT_MINOR)
  limitMinor: number;
  /** The last instant the bank stands behind the guarantee (RFC 3339 with an offset). */
  @IsISO8601({ strict: true }) validUntil: string;
}

/** The AEO guarantees known to the port (config/guarantees.json), validated once at boot. */
export class GuaranteeRegistry {
  @IsArray()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => AeoGuarantee)
  guarantees: AeoGuarantee[];

  forTrader(traderId: string): AeoGuarantee | undefined {
    return this.guarantees.find((g) => g.traderId === traderId);
  }

  byNumber(guaranteeNumber: string): AeoGuarantee | undefined {
    return this.guarantees.find((g) => g.guaranteeNumber === guaranteeNumber);
  }
}

/** Validates raw registry data; the error lists every problem so the file is fixed in one go. */
export function parseGuaranteeRegistry(raw: unknown, source = 'guarantee registry'): GuaranteeRegistry {
  return validateDataFile(GuaranteeRegistry, raw, source, (registry) => {
    const entries = Array.isArray(registry.guarantees) ? registry.guarantees : [];
    return [
      ...duplicates(
        entries.map((g) => g?.traderId),
        'traderId',
      ),
      ...duplicates(
        entries.map((g) => g?.guaranteeNumber),
        'guaranteeNumber',
      ),
    ];
  });
}

// one guarantee per trader: a settlement draws on the trader's guarantee, so two would be ambiguous
function duplicates(values: unknown[], field: string): string[] {
  return values.flatMap((value, i) =>
    value !== undefined && values.indexOf(value) !== i
      ? [`guarantees.${i}.${field}: ${String(value)} appears twice`]
      : [],
  );
}

/** Reads GUARANTEES_FILE, or the registry shipped with the app, and validates it. */
export function loadGuaranteeRegistry(): GuaranteeRegistry {
  const raw = readAppJson<unknown>('logistics-trading', 'GUARANTEES_FILE', 'guarantees.json');
  const source = process.env.GUARANTEES_FILE || 'apps/logistics-trading/config/guarantees.json';
  return parseGuaranteeRegistry(raw, `GUARANTEES_FILE (${source})`);
}
