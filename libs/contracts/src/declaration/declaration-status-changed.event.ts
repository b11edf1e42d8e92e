import { IsIn, IsString, Length } from 'class-validator';
import { ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** The status vocabulary an importer can rely on (WCO / HMRC notification codes in spirit). */
export const DECLARATION_STATUSES = [
  'received',
  'accepted',
  'rejected',
  'documents-required',
  'under-physical-check',
  'amended',
  'released',
  'refused',
  'cancelled',
  'goods-exited',
] as const;

export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];

export class DeclarationStatusChangedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) declarationId: string;
  @IsString() @Length(1, 64) importerId: string;
  @IsIn(DECLARATION_STATUSES) status: DeclarationStatus;
  @IsString() @Length(1, 500) reason: string;
}

export const DeclarationStatusChanged = defineEvent({
  type: 'tongguan.declaration.DeclarationStatusChanged.v1',
  topic: Topics.declaration,
  source: 'declaration',
  payload: DeclarationStatusChangedPayload,
  description:
    'A status change the other events do not already announce (documents required, under physical check, back to accepted, goods exited), pushed to the importer.',
});
