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
import { DIRECTIONS, type Direction } from '@tongguan/contracts';
import { INCOTERMS, UNITS } from '../code-lists/code-lists';
import { VALUATION_METHODS } from '../duty/valuation-settings';

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

  @ApiProperty({
    example: 40000,
    description:
      "The line's invoice price in the declaration currency (major units, at most the currency's ISO 4217 minor units); freight and insurance are added per the Incoterm",
  })
  @IsNumber({ maxDecimalPlaces: 4 })
  @Min(0)
  @Max(1e12)
  customsValue: number;
}

/**
 * A cost the valuation adds to the price (运费/保费): a total amount in a currency (mark 3 of the
 * customs form), or a rate in percent of its basis (mark 1). Given only when the Incoterm leaves the
 * cost to the buyer.
 */
export class ChargeDto {
  @ApiPropertyOptional({
    example: '1200.00',
    description:
      "Total amount in `currency`, a decimal string with at most the currency's ISO 4217 minor units",
  })
  @IsOptional()
  @Matches(/^\d{1,12}(\.\d{1,4})?$/, { message: 'amount must be a decimal string such as "1200.00"' })
  amount?: string;

  @ApiPropertyOptional({ example: 'USD', description: 'ISO 4217 currency of `amount`' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency?: string;

  @ApiPropertyOptional({
    example: '0.3',
    description: 'Rate in percent: of the price for freight, of price and freight for insurance',
  })
  @IsOptional()
  @Matches(/^\d{1,3}(\.\d{1,4})?$/, { message: 'ratePercent must be a decimal string such as "0.3"' })
  ratePercent?: string;
}

/** The import or export declaration data set (WCO data model in spirit). */
export class LodgeDeclarationDto {
  @ApiPropertyOptional({
    enum: DIRECTIONS,
    default: 'import',
    description:
      "'export': an export declaration (role exporter, or a broker it authorised), lodged before the goods reach the port; blNumber is then the carrier's booking or export B/L number, consignor the Chinese exporter, portOfLoading a Chinese port",
  })
  @IsOptional()
  @IsIn(DIRECTIONS)
  direction?: Direction;

  @ApiPropertyOptional({
    example: 'EXPORTER-1',
    description:
      'Export filed by a broker: the exporter (party id) that authorised it. The exporter itself leaves it out',
  })
  @IsOptional()
  @Matches(PARTY_ID, { message: 'exporterId must be an id of letters, digits, . _ -' })
  exporterId?: string;

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
  @ApiProperty({
    enum: INCOTERMS,
    description: 'Incoterms 2020 rule of the sale: says what valuation adds to reach CIF',
  })
  @IsIn(INCOTERMS)
  incoterm: string;

  @ApiPropertyOptional({
    type: ChargeDto,
    description:
      'Freight to the place of import, for terms that leave it to the buyer (E and F terms); undeclared, the default rate applies',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChargeDto)
  freight?: ChargeDto;

  @ApiPropertyOptional({
    type: ChargeDto,
    description:
      'Insurance to the place of import, for terms that leave it to the buyer (E, F, CFR, CPT); undeclared, 0.3% of cost and freight',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChargeDto)
  insurance?: ChargeDto;

  @ApiPropertyOptional({
    type: ChargeDto,
    description:
      'Loading and carriage to the place of export borne by the buyer (EXW, FCA, FAS); added only when declared',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChargeDto)
  loadingCosts?: ChargeDto;

  @ApiPropertyOptional({
    enum: VALUATION_METHODS,
    default: '1',
    description:
      'Valuation method (config/valuation.json): 1 transaction value, 2 identical goods, 3 similar goods, 4 deductive, 5 computed, 6 reasonable means',
  })
  @IsOptional()
  @IsIn(VALUATION_METHODS)
  valuationMethod?: string;
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
