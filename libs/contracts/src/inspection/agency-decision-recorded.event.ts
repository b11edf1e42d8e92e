import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNumber,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { AGENCY_ID_PATTERN, ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const AGENCY_OUTCOMES = ['approved', 'refused', 'deemed-approved'] as const;
export type AgencyOutcome = (typeof AGENCY_OUTCOMES)[number];

export class AgencyDecisionRecordedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) declarationId: string;
  @IsString() @Length(1, 64) taskId: string;
  @Matches(AGENCY_ID_PATTERN) agency: string;
  @Matches(AGENCY_ID_PATTERN) step: string;
  /** deemed-approved: the limit passed with no decision and the law allows tacit approval. */
  @IsIn(AGENCY_OUTCOMES) outcome: AgencyOutcome;
  /** The officer's party, or 'tacit-approval'. */
  @IsString() @Length(1, 64) decidedBy: string;
  @IsISO8601() openedAt: string;
  @IsISO8601() dueAt: string;
  @IsNumber() @Min(0) @Max(8760) limitHours: number;
  /** Working hours of the agency's calendar the decision took, less the time the step waited for the trader. */
  @IsNumber() @Min(0) decisionHours: number;
  /** Hours the step waited for the trader (a notice to answer): the trader's time, not the agency's. */
  @IsNumber() @Min(0) traderWaitHours: number;
  @IsBoolean() withinLimit: boolean;
  @IsBoolean() greenChannel: boolean;
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 500, { each: true }) reasons: string[];
}

export const AgencyDecisionRecorded = defineEvent({
  type: 'tongguan.inspection.AgencyDecisionRecorded.v1',
  topic: Topics.inspection,
  source: 'inspection',
  payload: AgencyDecisionRecordedPayload,
  description:
    "An approving agency's step was decided (approved or refused by an officer) or deemed approved at its limit on the agency's calendar; the scorecards count it.",
});
