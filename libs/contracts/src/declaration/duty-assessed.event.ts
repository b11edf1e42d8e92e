import { IsInt, IsString, Length, Matches, Min } from 'class-validator';
import { CURRENCY_PATTERN, ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** Amounts in minor units (fen for CNY) so that no service adds floating-point money. */
export class DutyAssessedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) declarationId: string;
  @IsString() @Length(1, 64) importerId: string;
  /** The declaration version assessed: 1 as lodged, one more with each amendment. */
  @IsInt() @Min(1) declarationVersion: number;
  @Matches(CURRENCY_PATTERN) currency: string;
  @IsInt() @Min(0) dutyMinor: number;
  @IsInt() @Min(0) vatMinor: number;
  @IsInt() @Min(0) totalMinor: number;
}

export const DutyAssessed = defineEvent({
  type: 'tongguan.declaration.DutyAssessed.v1',
  topic: Topics.declaration,
  source: 'declaration',
  payload: DutyAssessedPayload,
  description:
    'Duty and import VAT assessed on a version of an accepted declaration (at lodgement, at each amendment, and again when settlements left it short), payable before release.',
});
