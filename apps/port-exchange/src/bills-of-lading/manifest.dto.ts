import { applyDecorators } from '@nestjs/common';
import { JSONSchema } from 'class-validator-jsonschema';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { containerNumberProblem, normaliseContainerNumber, PARTY_ID_PATTERN } from '@tongguan/contracts';
import { IsBlNumber, IsDecimal, PageQuery } from '@tongguan/platform';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsString,
  IsOptional,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';

export const MAX_CONTAINERS_PER_BL = 500;
export const MAX_LINES_PER_MANIFEST = 5000;

/**
 * One bill of lading of a manifest. The container numbers are checked (ISO 6346, one problem per
 * container) by checkManifestLine, which also lists these decorators' problems.
 */
export class ManifestLineDto {
  @ApiProperty({ example: 'COSU6182736450' })
  @IsBlNumber()
  blNumber: string;

  @ApiProperty({ example: 'SHENZHEN TRADING CO' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 200)
  consignee: string;

  @ApiProperty({
    example: 'TRADER-1',
    description:
      "the consignee's party id on the platform: only that party, or a broker it authorised, may declare the B/L",
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @Matches(PARTY_ID_PATTERN, {
    message: 'consigneePartyId must be a party id: 1-64 letters, digits, dots, dashes or underscores',
  })
  consigneePartyId: string;

  @ApiProperty({
    example: ['CSQU3054383', 'MSKU9070323'],
    description: `ISO 6346 container numbers with a valid check digit (spaces and lower case are normalised); at most ${MAX_CONTAINERS_PER_BL}`,
  })
  @IsArray()
  @ArrayMaxSize(MAX_CONTAINERS_PER_BL)
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  containerNumbers: string[];

  @ApiProperty({ example: 120 }) @IsInt() @Min(1) @Max(1_000_000) packages: number;

  @ApiProperty({ example: 18250.5, description: 'kilograms, at most 3 decimals' })
  @IsDecimal(3)
  @Min(0.001)
  @Max(1e9)
  grossWeightKg: number;
}

export class FileManifestDto {
  @ApiProperty({ type: [ManifestLineDto], minItems: 1, maxItems: MAX_LINES_PER_MANIFEST })
  billsOfLading: ManifestLineDto[];
}

export class ManifestFiled {
  @ApiProperty({ format: 'uuid' }) vesselCallId: string;
  @ApiProperty({ example: ['COSU6182736450'] }) shipmentIds: string[];
}

export class DischargeDto {
  @ApiProperty({ example: 'COSU6182736450' })
  @IsBlNumber()
  blNumber: string;
}

/** An ISO 6346 container number in a request body; normalised first, then checked. */
function IsContainerNumber(): PropertyDecorator {
  return applyDecorators(
    // the check digit is beyond a pattern: a well-formed number with a wrong one is refused with 422
    JSONSchema({ pattern: '^[A-Za-z]{3}[UJZujz][0-9]{7}$' }),
    ValidateBy({
      name: 'containerNumber',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && containerNumberProblem(value) === null,
        defaultMessage: (args) =>
          typeof args?.value === 'string'
            ? (containerNumberProblem(args.value)?.message ?? '')
            : 'containerNumber must be a string',
      },
    }),
  );
}

export class ContainerDischargeDto {
  @ApiProperty({ example: 'CSQU3054383', description: 'ISO 6346, with a valid check digit' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normaliseContainerNumber(value) : value,
  )
  @IsContainerNumber()
  containerNumber: string;
}

export class WithdrawLineDto {
  @ApiProperty({ example: 'booked on the wrong voyage', description: 'why the line is withdrawn' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class ListConflictsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'COSU6182736450', description: 'only conflicts over this B/L number' })
  @IsOptional()
  @IsBlNumber()
  blNumber?: string;
}

export class ManifestConflictView {
  @ApiProperty({ example: 'COSU6182736450' }) blNumber: string;
  @ApiPropertyOptional({ description: 'the party whose manifest holds the number' }) holderPartyId?: string;
  @ApiProperty({ format: 'uuid' }) holderVesselCallId: string;
  @ApiProperty({ description: 'the party whose filing was refused' }) claimantPartyId: string;
  @ApiProperty({ format: 'uuid' }) claimantVesselCallId: string;
  @ApiProperty() firstAt: Date;
  @ApiProperty() lastAt: Date;
  @ApiProperty({ description: 'refused filings of the number by the claimant on that call' })
  attempts: number;
}

export class ManifestConflictPage {
  @ApiProperty({ type: [ManifestConflictView] }) items: ManifestConflictView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}
