import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { BL_NUMBER_PATTERN, normaliseBlNumber } from '@tongguan/contracts';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/**
 * A bill of lading number (or the shipmentId derived from it) in a body or query: normalised (trimmed,
 * upper case) before it is checked, so "cosu123 " and "COSU123" name the same shipment.
 */
export function IsBlNumber(property = 'blNumber'): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? normaliseBlNumber(value) : value,
    ),
    Matches(BL_NUMBER_PATTERN, {
      message: `${property} must be a bill of lading number: 4-35 letters, digits or dashes`,
    }),
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
