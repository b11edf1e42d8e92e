import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PARTY_ID_PATTERN } from '@tongguan/contracts';
import { PageQuery } from '@tongguan/platform';
import { applyDecorators } from '@nestjs/common';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateBy } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { GREEN_CHANNEL_KINDS, type GreenChannelKind } from './green-channel-entry.schema';

/** Certificate numbers and project codes as the register file takes them. */
const REGISTER_CODE = /^[A-Z0-9-]{4,64}$/;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused, not rolled over to March). */
function IsCalendarDate(): PropertyDecorator {
  return applyDecorators(
    JSONSchema({ type: 'string', format: 'date' }),
    ValidateBy({
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          /^\d{4}-\d{2}-\d{2}$/.test(value) &&
          !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
          new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value,
        defaultMessage: (args) => `${args?.property ?? 'the value'} must be a calendar date YYYY-MM-DD`,
      },
    }),
  );
}

const partyId = (property: string) =>
  Matches(PARTY_ID_PATTERN, {
    message: `${property} must be a party id: 1-64 letters, digits, dots, dashes or underscores`,
  });

class Validity {
  @ApiProperty({ example: '2026-01-01', description: 'First day of validity (customs-local date)' })
  @IsCalendarDate()
  validFrom: string;

  @ApiProperty({ example: '2028-12-31', description: 'Last day of validity, inclusive' })
  @IsCalendarDate()
  validTo: string;
}

export class AeoCertificateDto extends Validity {
  @ApiProperty({ example: 'CN4403AEO0001' })
  @Matches(REGISTER_CODE, { message: 'certificate must be 4-64 capital letters, digits or dashes' })
  certificate: string;

  @ApiProperty({ enum: ['advanced', 'general'] })
  @IsIn(['advanced', 'general'], { message: 'level must be advanced or general' })
  level: 'advanced' | 'general';
}

export class MajorProjectDto extends Validity {
  @ApiProperty({ example: 'TRADER-PROJECT', description: 'The importer party that carries the project out' })
  @partyId('partyId')
  partyId: string;

  @ApiProperty({ example: 'Greater Bay Area rail transit equipment' })
  @IsString()
  @Length(1, 200)
  name: string;
}

export class PartyParam {
  @ApiProperty({ example: 'TRADER-AEO' }) @partyId('partyId') partyId: string;
}

export class ProjectCodeParam {
  @ApiProperty({ example: 'MP-2026-GBA-001' })
  @Matches(REGISTER_CODE, { message: 'code must be 4-64 capital letters, digits or dashes' })
  code: string;
}

export class ListGreenChannelQuery extends PageQuery {
  @ApiPropertyOptional({ enum: GREEN_CHANNEL_KINDS })
  @IsOptional()
  @IsIn(GREEN_CHANNEL_KINDS)
  kind?: GreenChannelKind;

  @ApiPropertyOptional({ example: 'TRADER-AEO' })
  @IsOptional()
  @partyId('partyId')
  partyId?: string;
}
