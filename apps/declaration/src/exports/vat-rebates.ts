// the rebate list is validated with decorators when first imported, before (and without) Nest
import 'reflect-metadata';
import { validateDataFile } from '@tongguan/config';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { loadCodeList } from '../code-lists/code-list-files';
import { headingOf } from '../duty/tariff';

export class VatRebateEntry {
  @Matches(/^\d{4}$/, { message: 'heading must be the 4 first digits of an HS code' }) heading: string;
  @IsNumber() @Min(0) @Max(0.17) rate: number;
}

/** config/export-vat-rebates.json: the export VAT rebate rate (出口退税率) per HS heading. */
export class VatRebatesFile {
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsString() source?: string;
  @IsArray()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => VatRebateEntry)
  rates: VatRebateEntry[];
}

export function parseVatRebates(raw: unknown, source = 'export VAT rebate list'): VatRebatesFile {
  return validateDataFile(VatRebatesFile, raw, source, (file) => {
    const headings = Array.isArray(file.rates) ? file.rates.map((r) => r?.heading) : [];
    return headings.flatMap((h, i) =>
      headings.indexOf(h) !== i ? [`rates.${i}.heading: ${h} appears twice`] : [],
    );
  });
}

export type VatRebateRates = ReadonlyMap<string, number>;

/** The injection token of the rebate rates (loaded once at boot). */
export const VAT_REBATES = Symbol('VAT_REBATES');

export function loadVatRebates(): VatRebateRates {
  const file = loadCodeList('export-vat-rebates.json', parseVatRebates);
  return new Map(file.rates.map((r) => [r.heading, r.rate]));
}

export interface VatRebate {
  /** A line's goods carry a rebate rate above 0: the exporter may claim the VAT back (出口退税). */
  eligible: boolean;
  lines: { hsCode: string; rate: number | null }[];
}

/** The rebate of each line (null: the heading is not in the list) and the declaration's flag. */
export function vatRebateOf(items: readonly { hsCode: string }[], rates: VatRebateRates): VatRebate {
  const lines = items.map(({ hsCode }) => ({ hsCode, rate: rates.get(headingOf(hsCode)) ?? null }));
  return { eligible: lines.some((l) => (l.rate ?? 0) > 0), lines };
}
