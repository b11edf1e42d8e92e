import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { CURRENCY_PATTERN, DIRECTIONS, ShipmentPayload, type Direction } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** A licence or certificate declared for a line (supervision document code and its number). */
export class ItemDocument {
  @Matches(/^[0-9A-Za-z]{1,2}$/) code: string;
  @IsString() @Length(1, 50) number: string;
}

export class AcceptedItem {
  @Matches(/^\d{6,10}$/) hsCode: string;
  @Matches(/^[A-Z]{2}$/) originCountry: string;
  /** Customs value of the line in minor units of the declaration currency. */
  @IsInt() @Min(0) customsValueMinor: number;
  /** The licences and certificates declared for the line, which an agency's check verifies; absent: none. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ItemDocument)
  documents?: ItemDocument[];
}

export class DeclarationAcceptedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) declarationId: string;
  @IsString() @Length(1, 64) importerId: string;
  @Matches(CURRENCY_PATTERN) currency: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(999)
  @ValidateNested({ each: true })
  @Type(() => AcceptedItem)
  items: AcceptedItem[];
  @IsBoolean() greenChannel: boolean;
  @IsOptional() @IsString() @Length(1, 64) aeoTraderId?: string;
  @IsOptional() @IsString() @Length(1, 64) majorProjectCode?: string;
  /** 'export' for an export declaration (importerId then names the exporter); absent: an import. */
  @IsOptional() @IsIn(DIRECTIONS) direction?: Direction;
  /** Export only: a line's goods carry an export VAT rebate (出口退税) in the rebate code list. */
  @IsOptional() @IsBoolean() vatRebate?: boolean;
}

export const DeclarationAccepted = defineEvent({
  type: 'tongguan.declaration.DeclarationAccepted.v1',
  topic: Topics.declaration,
  source: 'declaration',
  payload: DeclarationAcceptedPayload,
  description: 'Customs accepted the declaration for processing; risk assessment may start [TRS T2].',
});
