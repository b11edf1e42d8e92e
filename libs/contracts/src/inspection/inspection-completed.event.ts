import { IsArray, IsIn, IsString, Length } from 'class-validator';
import { ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const INSPECTION_RESULTS = ['passed', 'failed'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];

export class InspectionCompletedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) declarationId: string;
  @IsString() @Length(1, 64) taskId: string;
  @IsIn(INSPECTION_RESULTS) result: InspectionResult;
  @IsArray() @IsString({ each: true }) findings: string[];
  @IsString() @Length(1, 64) officerId: string;
}

export const InspectionCompleted = defineEvent({
  type: 'tongguan.inspection.InspectionCompleted.v1',
  topic: Topics.inspection,
  source: 'inspection',
  payload: InspectionCompletedPayload,
  description: 'An officer recorded the result of a document check or physical inspection [TRS T4].',
});
