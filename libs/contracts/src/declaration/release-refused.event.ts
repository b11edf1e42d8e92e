import { ArrayMinSize, IsArray, IsString, Length } from 'class-validator';
import { ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class ReleaseRefusedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) declarationId: string;
  @IsString() @Length(1, 64) importerId: string;
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) reasons: string[];
}

export const ReleaseRefused = defineEvent({
  type: 'tongguan.declaration.ReleaseRefused.v1',
  topic: Topics.declaration,
  source: 'declaration',
  payload: ReleaseRefusedPayload,
  description: 'Customs refused release, with the reasons (e.g. a failed inspection).',
});
