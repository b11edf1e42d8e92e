import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBlNumber, IsDecimal } from '@tongguan/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
import { DIRECTIONS, type Direction } from '@tongguan/contracts';
import { INCOTERMS } from '../code-lists/code-lists';
import { DECLARATION_TYPES, GOODS_LOCATIONS, TRANSPORT_MODES } from '../code-lists/data-set-code-lists';
import { VALUATION_METHODS } from '../duty/valuation-settings';
import { DeclarationItemDto } from './declaration-item.dto';
import { PartyDto, RegisteredPartyDto } from './parties.dto';
import { ContainerDto, InvoiceDto, PreviousDocumentDto } from './transport.dto';

export { DeclarationItemDto } from './declaration-item.dto';

const PARTY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

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

/**
 * The import or export declaration data set: the boxes of China's customs declaration form (报关单) as
 * the WCO Data Model names them. `trader` is the importer or the exporter.
 */
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
  @ApiProperty({
    enum: DECLARATION_TYPES,
    description:
      'Declaration type (config/declaration-types.json): ordinary, advance (before the goods arrive), two-step',
  })
  @IsIn(DECLARATION_TYPES)
  declarationType: string;

  @ApiProperty({ example: 'BROKER-7', pattern: PARTY_ID.source })
  @Matches(PARTY_ID, { message: 'declarantId must be an id of letters, digits, . _ -' })
  declarantId: string;
  @ApiProperty({
    type: RegisteredPartyDto,
    description: 'The declarant (申报单位): the broker or trader lodging',
  })
  @ValidateNested()
  @Type(() => RegisteredPartyDto)
  declarant: RegisteredPartyDto;
  @ApiProperty({
    type: RegisteredPartyDto,
    description: 'The trader (境内收发货人): the importer or exporter liable',
  })
  @ValidateNested()
  @Type(() => RegisteredPartyDto)
  trader: RegisteredPartyDto;
  @ApiProperty({ type: PartyDto }) @ValidateNested() @Type(() => PartyDto) consignor: PartyDto;
  @ApiProperty({ type: PartyDto }) @ValidateNested() @Type(() => PartyDto) consignee: PartyDto;

  @ApiProperty({
    enum: TRANSPORT_MODES,
    description: 'Mode of transport (运输方式, config/transport-modes.json): 2 waterway',
  })
  @IsIn(TRANSPORT_MODES)
  transportMode: string;
  @ApiProperty({ example: 'COSCO SHIPPING ARIES', description: 'Means of transport: the vessel' })
  @IsString()
  @Length(1, 100)
  vesselName: string;
  @ApiProperty({ example: '042E' }) @IsString() @Length(1, 32) voyage: string;
  @ApiProperty({
    example: 'CN',
    pattern: '^[A-Z]{2}$',
    description: 'Nationality of the means of transport (its flag)',
  })
  @Matches(/^[A-Z]{2}$/, { message: 'meansNationality must be an ISO 3166 alpha-2 code' })
  meansNationality: string;

  @ApiPropertyOptional({
    type: [ContainerDto],
    description: 'The containers, each with the items it holds; none for bulk cargo',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ContainerDto)
  containers?: ContainerDto[];

  @ApiProperty({
    enum: GOODS_LOCATIONS,
    description:
      "Location of goods (config/goods-locations.json): a supervised place at one of the declaration's ports",
  })
  @IsIn(GOODS_LOCATIONS)
  goodsLocation: string;

  @ApiProperty({
    type: [PreviousDocumentDto],
    description: 'The transport document and manifest the goods travel under',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PreviousDocumentDto)
  previousDocuments: PreviousDocumentDto[];

  @ApiProperty({ type: InvoiceDto }) @ValidateNested() @Type(() => InvoiceDto) invoice: InvoiceDto;
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
      'Freight to the place of import, for terms that leave it to the buyer (E and F terms); undeclared, the default rate applies. On an export: the freight after loading a C or D term price holds, deducted to reach FOB',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChargeDto)
  freight?: ChargeDto;

  @ApiPropertyOptional({
    type: ChargeDto,
    description:
      'Insurance to the place of import, for terms that leave it to the buyer (E, F, CFR, CPT); undeclared, 0.3% of cost and freight. On an export: the insurance a CIF, CIP or D term price holds, deducted to reach FOB',
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
    type: ChargeDto,
    description:
      'Export under a D term only: the costs after the main carriage to the named destination that the price holds (unloading for DPU, import clearance and duties for DDP); deducted to reach FOB when declared, as an amount or a percent of the price',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChargeDto)
  destinationCosts?: ChargeDto;

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
  @IsDecimal(3)
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
