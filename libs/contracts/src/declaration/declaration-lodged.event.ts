import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { DIRECTIONS, ShipmentPayload, type Direction } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class DeclarationLodgedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) declarationId: string;
  /** The consignee the manifest names: the declaration's owner, who pays and collects. */
  @IsString() @Length(1, 64) importerId: string;
  /** Who lodged it: the consignee itself or a broker it authorised. */
  @IsString() @Length(1, 64) filerId: string;
  @IsBoolean() greenChannel: boolean;
  /** 'export' for an export declaration (importerId then names the exporter); absent: an import. */
  @IsOptional() @IsIn(DIRECTIONS) direction?: Direction;
}

export const DeclarationLodged = defineEvent({
  type: 'tongguan.declaration.DeclarationLodged.v1',
  topic: Topics.declaration,
  source: 'declaration',
  payload: DeclarationLodgedPayload,
  description: 'The consignee, or a broker it authorised, lodged a complete declaration [TRS T1 lodgement].',
});
