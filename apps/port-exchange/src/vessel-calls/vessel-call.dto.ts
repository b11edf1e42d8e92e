import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@tongguan/platform';
import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches, ValidateBy } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { isValidImoNumber } from './imo-number';

const trimmed = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

function IsImoNumber(): PropertyDecorator {
  return applyDecorators(
    // the check digit is beyond a pattern: a 7-digit number with a wrong one is refused with 422
    JSONSchema({ pattern: '^[0-9]{7}$' }),
    ValidateBy({
      name: 'imoNumber',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidImoNumber(value),
        defaultMessage: () => 'imoNumber must be 7 digits whose last is the IMO check digit, e.g. 9783497',
      },
    }),
  );
}

/** An instant no earlier than another field of the same object (a range given the wrong way round). */
function IsNotBefore(other: string): PropertyDecorator {
  return ValidateBy({
    name: 'isNotBefore',
    constraints: [other],
    validator: {
      validate: (value: unknown, args) => {
        const from = (args?.object as Record<string, unknown>)[other];
        if (typeof value !== 'string' || typeof from !== 'string') return true;
        return !(Date.parse(value) < Date.parse(from));
      },
      defaultMessage: (args) => `${args?.property} must not be before ${other}`,
    },
  });
}

export class CreateVesselCallDto {
  @ApiProperty({ example: 'COSCO SHIPPING ARIES' }) @trimmed() @IsString() @Length(1, 100) vesselName: string;
  @ApiProperty({ example: '042E' })
  @trimmed()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 /-]{0,31}$/, {
    message: 'voyage must be 1-32 letters, digits, spaces, dashes or slashes',
  })
  voyage: string;
  @ApiPropertyOptional({ example: '9783497', description: 'IMO number with its check digit' })
  @IsOptional()
  @IsImoNumber()
  imoNumber?: string;
  @ApiProperty({ example: '2026-03-02T06:00:00Z', description: 'estimated time of arrival, RFC 3339' })
  @IsISO8601({ strict: true, strictSeparator: true })
  eta: string;
}

export class RecordArrivalDto {
  @ApiProperty({
    example: '2026-03-02T05:40:00Z',
    description: 'actual time of arrival, RFC 3339; not in the future',
  })
  @IsISO8601({ strict: true, strictSeparator: true })
  ata: string;
}

export const VESSEL_CALL_STATUSES = ['expected', 'arrived'] as const;
export type VesselCallStatus = (typeof VESSEL_CALL_STATUSES)[number];

export class ListVesselCallsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'COSCO', description: 'part of the vessel name, any case' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  vesselName?: string;

  @ApiPropertyOptional({ example: '042E' }) @IsOptional() @IsString() @Length(1, 32) voyage?: string;
  @ApiPropertyOptional({ example: '9783497' }) @IsOptional() @IsImoNumber() imoNumber?: string;

  @ApiPropertyOptional({
    enum: VESSEL_CALL_STATUSES,
    description: 'expected: no ATA yet; arrived: ATA known',
  })
  @IsOptional()
  @IsIn(VESSEL_CALL_STATUSES)
  status?: VesselCallStatus;

  @ApiPropertyOptional({ example: '2026-03-01T00:00:00Z', description: 'ETA at or after' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  etaFrom?: string;

  @ApiPropertyOptional({ example: '2026-03-08T00:00:00Z', description: 'ETA before' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @IsNotBefore('etaFrom')
  etaTo?: string;
}

export class VesselCallView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', deprecated: true, description: 'the same as id' }) _id: string;
  @ApiProperty({ example: 'COSCO SHIPPING ARIES' }) vesselName: string;
  @ApiProperty({ example: '042E' }) voyage: string;
  @ApiPropertyOptional({ example: '9783497' }) imoNumber?: string;
  @ApiPropertyOptional({
    example: 'CARRIER-COSCO',
    description: 'the carrier or terminal party that announced the call and owns its manifest',
  })
  ownerPartyId?: string;
  @ApiProperty() eta: Date;
  @ApiPropertyOptional({ description: 'actual time of arrival' }) ata?: Date;
  @ApiPropertyOptional({
    enum: ['reported', 'first-discharge'],
    description: 'reported by the port, or taken from the first discharge until it is',
  })
  ataSource?: 'reported' | 'first-discharge';
  @ApiProperty({ enum: VESSEL_CALL_STATUSES }) status: VesselCallStatus;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class VesselCallPage {
  @ApiProperty({ type: [VesselCallView] }) items: VesselCallView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}
