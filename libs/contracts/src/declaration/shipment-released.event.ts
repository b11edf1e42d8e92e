import { IsString, Length } from 'class-validator';
import { ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class ShipmentReleasedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) declarationId: string;
  @IsString() @Length(1, 64) importerId: string;
}

export const ShipmentReleased = defineEvent({
  type: 'tongguan.declaration.ShipmentReleased.v1',
  topic: Topics.declaration,
  source: 'declaration',
  payload: ShipmentReleasedPayload,
  description: 'Customs released the goods: accepted, inspection cleared and paid [TRS T6 release].',
});
