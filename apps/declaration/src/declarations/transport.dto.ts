import { IsDecimal } from '@tongguan/platform';
import { ApiProperty } from '@nestjs/swagger';
import { containerNumberProblem, CURRENCY_PATTERN, normaliseContainerNumber } from '@tongguan/contracts';
import { Transform } from 'class-transformer';
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
  ValidateBy,
} from 'class-validator';
import { CONTAINER_TYPES, PREVIOUS_DOCUMENT_TYPES } from '../code-lists/data-set-code-lists';

function IsContainerNumber(): PropertyDecorator {
  return ValidateBy({
    name: 'containerNumber',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && containerNumberProblem(value) === null,
      defaultMessage: (args) =>
        typeof args?.value === 'string'
          ? (containerNumberProblem(args.value)?.message ?? '')
          : 'number must be a string',
    },
  });
}

/** A container the goods travel in (集装箱), with the items (1-based line numbers) it holds. */
export class ContainerDto {
  @ApiProperty({ example: 'CSQU3054383', description: 'ISO 6346 container number with a valid check digit' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normaliseContainerNumber(value) : value,
  )
  @IsContainerNumber()
  number: string;

  @ApiProperty({
    enum: CONTAINER_TYPES,
    description: 'ISO 6346 size and type code (config/container-types.json)',
  })
  @IsIn(CONTAINER_TYPES)
  sizeType: string;

  @ApiProperty({ example: [1], description: 'The items (1-based line numbers) packed in this container' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(999)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(999, { each: true })
  itemNumbers: number[];
}

/** The transport document or manifest the goods came or go under (提运单). */
export class PreviousDocumentDto {
  @ApiProperty({
    enum: PREVIOUS_DOCUMENT_TYPES,
    description:
      'UN/EDIFACT 1001 document code (config/previous-document-types.json): 705 bill of lading, 785 cargo manifest...',
  })
  @IsIn(PREVIOUS_DOCUMENT_TYPES)
  type: string;

  @ApiProperty({
    example: 'COSU6182736450',
    pattern: '^[A-Z0-9][A-Z0-9/-]{0,34}$',
    description: 'Trimmed and upper-cased, as B/L numbers are',
  })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @Matches(/^[A-Z0-9][A-Z0-9/-]{0,34}$/, {
    message: 'reference must be 1-35 capitals, digits, dashes or slashes',
  })
  reference: string;
}

/** The commercial invoice the goods were sold under. */
export class InvoiceDto {
  @ApiProperty({ example: 'INV-2026-001' }) @IsString() @Length(1, 35) number: string;
  @ApiProperty({ example: 'EUR', pattern: CURRENCY_PATTERN.source })
  @Matches(CURRENCY_PATTERN, { message: 'currency must be an ISO 4217 code' })
  currency: string;
  @ApiProperty({ example: 40000, description: 'Invoice total in the invoice currency (major units)' })
  @IsDecimal(2)
  @Min(0.01)
  @Max(1e12)
  amount: number;
}
