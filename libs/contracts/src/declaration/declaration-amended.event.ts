import { Type } from 'class-transformer';
import { IsInt, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import { CURRENCY_PATTERN } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { DeclarationAcceptedPayload } from './declaration-accepted.event';

export class AmendedDuty {
  @Matches(CURRENCY_PATTERN) currency: string;
  @IsInt() @Min(0) dutyMinor: number;
  @IsInt() @Min(0) vatMinor: number;
  @IsInt() @Min(0) totalMinor: number;
}

/** The accepted data set as amended (same shape as DeclarationAccepted), its version, why, and the new duty. */
export class DeclarationAmendedPayload extends DeclarationAcceptedPayload {
  @IsInt() @Min(2) version: number;
  @IsString() @Length(5, 500) reason: string;
  @ValidateNested() @Type(() => AmendedDuty) duty: AmendedDuty;
}

export const DeclarationAmended = defineEvent({
  type: 'tongguan.declaration.DeclarationAmended.v1',
  topic: Topics.declaration,
  source: 'declaration',
  payload: DeclarationAmendedPayload,
  description:
    'The importer amended an accepted declaration before release; risk is assessed again, and DutyAssessed of the new version restates what is owed.',
});
