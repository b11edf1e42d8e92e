import { IsBoolean, IsString, Length } from 'class-validator';
import { ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class DeclarationLodgedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) declarationId: string;
  @IsString() @Length(1, 64) importerId: string;
  @IsBoolean() greenChannel: boolean;
}

export const DeclarationLodged = defineEvent({
  type: 'tongguan.declaration.DeclarationLodged.v1',
  topic: Topics.declaration,
  source: 'declaration',
  payload: DeclarationLodgedPayload,
  description: 'An importer lodged a complete declaration [TRS T1 lodgement].',
});
