import { IsDecimal } from '@tongguan/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { UNITS } from '../code-lists/code-lists';
import {
  DUTY_REGIMES,
  PACKAGE_TYPES,
  PREFERENCES,
  SUPERVISION_DOCUMENTS,
} from '../code-lists/data-set-code-lists';

const DOCUMENT_CODES = [...SUPERVISION_DOCUMENTS.keys()];

/** A quantity in a UN/ECE Rec 20 unit. */
export class QuantityDto {
  @ApiProperty({ example: 2 }) @IsDecimal(3) @Min(0.001) @Max(1e9) quantity: number;
  @ApiProperty({ enum: UNITS }) @IsIn(UNITS) unit: string;
}

/** How the line's goods are packed (件数, 包装种类). */
export class PackagesDto {
  @ApiProperty({ example: 2 }) @IsInt() @Min(1) @Max(1_000_000) count: number;
  @ApiProperty({ enum: PACKAGE_TYPES, description: 'UN/ECE Rec 21 package code (config/package-types.json)' })
  @IsIn(PACKAGE_TYPES)
  type: string;
}

/** A licence or certificate (监管证件) the line's commodity requires. */
export class ItemDocumentDto {
  @ApiProperty({
    enum: DOCUMENT_CODES,
    description: 'Supervision document code (config/supervision-documents.json)',
  })
  @IsIn(DOCUMENT_CODES)
  code: string;
  @ApiProperty({ example: '26-44-012345' }) @IsString() @Length(1, 50) number: string;
}

export class DeclarationItemDto {
  @ApiProperty({
    example: '8703239000',
    pattern: '^\\d{10}$',
    description: 'Commodity code at national precision: the 8-digit tariff line and 2 supervision digits',
  })
  @Matches(/^\d{10}$/, {
    message: 'hsCode must be 10 digits: the 8-digit tariff line and 2 supervision digits',
  })
  hsCode: string;

  @ApiProperty({ example: 'Passenger car, petrol, 1.5-3.0 l' })
  @IsString()
  @Length(3, 500)
  description: string;
  @ApiProperty({ example: 'DE', pattern: '^[A-Z]{2}$' })
  @Matches(/^[A-Z]{2}$/, { message: 'originCountry must be an ISO 3166 alpha-2 code' })
  originCountry: string;

  @ApiPropertyOptional({
    enum: PREFERENCES,
    description:
      'Preferential agreement claimed (config/preferences.json); the origin must be a partner. None: MFN',
  })
  @IsOptional()
  @IsIn(PREFERENCES)
  preference?: string;

  @ApiProperty({ example: 2, description: 'Declared (trade) quantity, in `unit`' })
  @IsDecimal(3)
  @Min(0.001)
  @Max(1e9)
  quantity: number;
  @ApiProperty({ enum: UNITS }) @IsIn(UNITS) unit: string;

  @ApiProperty({
    type: QuantityDto,
    description: "Quantity in the commodity's first legal unit (法定第一计量单位)",
  })
  @ValidateNested()
  @Type(() => QuantityDto)
  legalQuantity: QuantityDto;

  @ApiPropertyOptional({
    type: QuantityDto,
    description:
      'Quantity in the second legal unit (法定第二计量单位): required exactly when the commodity has one',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuantityDto)
  secondLegalQuantity?: QuantityDto;

  @ApiProperty({ example: 2900 })
  @IsDecimal(3)
  @Min(0.001)
  @Max(1e9)
  netWeightKg: number;

  @ApiProperty({ type: PackagesDto }) @ValidateNested() @Type(() => PackagesDto) packages: PackagesDto;

  @ApiPropertyOptional({
    type: [ItemDocumentDto],
    description:
      'Licences and certificates: every one config/commodity-requirements.json requires of the commodity',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ItemDocumentDto)
  documents?: ItemDocumentDto[];

  @ApiProperty({
    enum: DUTY_REGIMES,
    description: 'Duty regime (征免方式, config/duty-regimes.json): 1 as the tariff says',
  })
  @IsIn(DUTY_REGIMES)
  dutyRegime: string;

  @ApiProperty({
    example: 40000,
    description:
      "The line's invoice price in the declaration currency (major units, at most the currency's ISO 4217 minor units); freight and insurance are added per the Incoterm",
  })
  @IsDecimal(4)
  @Min(0)
  @Max(1e12)
  customsValue: number;
}
