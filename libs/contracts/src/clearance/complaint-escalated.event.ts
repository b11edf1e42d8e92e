import { IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { AGENCY_ID_PATTERN, ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class ComplaintEscalatedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) complaintId: string;
  @Matches(AGENCY_ID_PATTERN) agency: string;
  @IsOptional() @Matches(AGENCY_ID_PATTERN) step?: string;
  @IsString() @Length(1, 64) importerId: string;
  @IsISO8601() filedAt: string;
  @IsISO8601() dueAt: string;
  /** The supervisor who took it (first-contact responsibility), when one did. */
  @IsOptional() @IsString() @Length(1, 64) ownerId?: string;
}

export const ComplaintEscalated = defineEvent({
  type: 'tongguan.clearance.ComplaintEscalated.v1',
  topic: Topics.clearance,
  source: 'clearance-monitor',
  payload: ComplaintEscalatedPayload,
  description:
    "A complaint about an agency was not answered within its limit on the agency's calendar: escalated.",
});
