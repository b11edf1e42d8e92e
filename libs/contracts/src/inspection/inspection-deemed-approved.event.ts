import { IsISO8601, IsString, Length } from 'class-validator';
import { ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class InspectionDeemedApprovedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) declarationId: string;
  @IsString() @Length(1, 64) taskId: string;
  @IsISO8601() deadline: string;
  @IsString() @Length(1, 500) reason: string;
}

export const InspectionDeemedApproved = defineEvent({
  type: 'tongguan.inspection.InspectionDeemedApproved.v1',
  topic: Topics.inspection,
  source: 'inspection',
  payload: InspectionDeemedApprovedPayload,
  description: 'The task passed its time limit with no decision: tacit approval [TRS T4].',
});
