import { IsBoolean, IsString, Length } from 'class-validator';
import { ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class DeclarationLodgedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) declarationId: string;
  /** The consignee the manifest names: the declaration's owner, who pays and collects. */
  @IsString() @Length(1, 64) importerId: string;
  /** Who lodged it: the consignee itself or a broker it authorised. */
  @IsString() @Length(1, 64) filerId: string;
  @IsBoolean() greenChannel: boolean;
}

export const DeclarationLodged = defineEvent({
  type: 'tongguan.declaration.DeclarationLodged.v1',
  topic: Topics.declaration,
  source: 'declaration',
  payload: DeclarationLodgedPayload,
  description: 'The consignee, or a broker it authorised, lodged a complete declaration [TRS T1 lodgement].',
});
