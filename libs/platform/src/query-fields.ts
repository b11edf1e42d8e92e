import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { BL_NUMBER_PATTERN } from '@tongguan/contracts';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

/** A bill of lading number in either case, as a query, path or body may give it (stored upper case). */
export const ANY_CASE_BL_NUMBER = new RegExp(BL_NUMBER_PATTERN.source.replace(/A-Z/g, 'A-Za-z'));

/**
 * A bill of lading number (or the shipmentId derived from it) in a body or query: upper-cased before
 * it is checked, so "cosu123" and "COSU123" name the same shipment. Tested before upper-casing (as the
 * document says), since toUpperCase turns some non-ASCII letters into ASCII ones (ß → SS).
 */
export function IsBlNumber(property = 'blNumber'): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && ANY_CASE_BL_NUMBER.test(value) ? value.toUpperCase() : value,
    ),
    Matches(BL_NUMBER_PATTERN, {
      message: `${property} must be a bill of lading number: 4-35 letters, digits or dashes`,
    }),
    JSONSchema({ pattern: ANY_CASE_BL_NUMBER.source }),
  );
}

/** Page and page size of a list endpoint. */
export class PageQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page = 1;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize = 20;
}
