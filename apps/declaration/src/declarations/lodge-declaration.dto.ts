import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBlNumber } from '@tongguan/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { INCOTERMS, UNITS } from '../code-lists/code-lists';

const PARTY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export class PartyDto {
  @ApiProperty({ example: 'ACME GMBH' }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ example: 'DE' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166 alpha-2 code' })
  country: string;
}

export class DeclarationItemDto {
  @ApiProperty({ example: '870323' })
  @Matches(/^\d{6,10}$/, { message: 'hsCode must be 6 to 10 digits' })
  hsCode: string;

  @ApiProperty({ example: 'Passenger car, petrol, 1.5-3.0 l' })
  @IsString()
  @Length(3, 500)
  description: string;
  @ApiProperty({ example: 'DE' })
  @Matches(/^[A-Z]{2}$/, { message: 'originCountry must be an ISO 3166 alpha-2 code' })
  originCountry: string;
  @ApiProperty({ example: 2 }) @IsNumber({ maxDecimalPlaces: 3 }) @Min(0.001) @Max(1e9) quantity: number;
  @ApiProperty({ enum: UNITS }) @IsIn(UNITS) unit: string;
  @ApiProperty({ example: 2900 })
  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0.001)
  @Max(1e9)
  netWeightKg: number;

  @ApiProperty({ example: 40000, description: 'Customs value in the declaration currency (major units)' })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1e12)
  customsValue: number;
}

/** The import declaration data set (WCO data model in spirit). */
export class LodgeDeclarationDto {
  @ApiProperty({ example: 'COSU6182736450' })
  @IsBlNumber()
  blNumber: string;
  @ApiProperty({ example: 'BROKER-7' })
  @Matches(PARTY_ID, { message: 'declarantId must be an id of letters, digits, . _ -' })
  declarantId: string;
  @ApiProperty({ type: PartyDto }) @ValidateNested() @Type(() => PartyDto) consignor: PartyDto;
  @ApiProperty({ type: PartyDto }) @ValidateNested() @Type(() => PartyDto) consignee: PartyDto;
  @ApiProperty({ example: 'COSCO SHIPPING ARIES' }) @IsString() @Length(1, 100) vesselName: string;
  @ApiProperty({ example: '042E' }) @IsString() @Length(1, 32) voyage: string;
  @ApiProperty({ example: 'DEHAM' })
  @Matches(/^[A-Z]{2}[A-Z2-9]{3}$/, { message: 'portOfLoading must be a UN/LOCODE' })
  portOfLoading: string;
  @ApiProperty({ example: 'CNSZX' })
  @Matches(/^[A-Z]{2}[A-Z2-9]{3}$/, { message: 'portOfDischarge must be a UN/LOCODE' })
  portOfDischarge: string;
  @ApiProperty({ enum: INCOTERMS }) @IsIn(INCOTERMS) incoterm: string;
  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency: string;
  @ApiProperty({ example: 2 }) @IsInt() @Min(1) @Max(1_000_000) totalPackages: number;
  @ApiProperty({ example: 3100 })
  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0.001)
  @Max(1e9)
  grossWeightKg: number;

  @ApiProperty({ type: [DeclarationItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(999)
  @ValidateNested({ each: true })
  @Type(() => DeclarationItemDto)
  items: DeclarationItemDto[];

  @ApiPropertyOptional({ example: ['INV-2026-001', 'PL-2026-001'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  documents?: string[];

  @ApiPropertyOptional({
    example: '0110',
    default: '0110',
    description:
      'Trade mode (贸易方式), 4 digits of config/trade-modes.json: 0110 general trade, 0214/0615 processing trade, 1233 bonded warehouse, 9610 cross-border e-commerce...',
  })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'tradeMode must be a 4-digit trade mode code' })
  tradeMode?: string;

  @ApiPropertyOptional({
    example: 'CN4403AEO0001',
    description:
      "AEO certificate number. Earns nothing by itself: the green channel comes from the register's certificate of the consignee",
  })
  @IsOptional()
  @Matches(PARTY_ID)
  aeoTraderId?: string;

  @ApiPropertyOptional({
    example: 'MP-2026-GBA-001',
    description: 'Major-project code: the green channel when the register ties the project to the consignee',
  })
  @IsOptional()
  @Matches(PARTY_ID)
  majorProjectCode?: string;
}
