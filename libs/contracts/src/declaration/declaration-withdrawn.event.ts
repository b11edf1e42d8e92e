import { IsString, Length } from 'class-validator';
import { ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class DeclarationWithdrawnPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) declarationId: string;
  @IsString() @Length(1, 64) importerId: string;
  @IsString() @Length(1, 500) reason: string;
}

export const DeclarationWithdrawn = defineEvent({
  type: 'tongguan.declaration.DeclarationWithdrawn.v1',
  topic: Topics.declaration,
  source: 'declaration',
  payload: DeclarationWithdrawnPayload,
  description: 'The importer withdrew a declaration before release; agencies drop their open work on it.',
});
