import { IsArray, IsIn, IsNumber, IsString, Length, Max, Min } from 'class-validator';
import { CHANNELS, RiskChannel, ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class RiskAssessedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) declarationId: string;
  @IsString() @Length(1, 64) assessmentId: string;
  @IsIn(CHANNELS) channel: RiskChannel;
  @IsNumber() @Min(0) @Max(100) score: number;
  @IsArray() @IsString({ each: true }) reasons: string[];
  /** Set for YELLOW and RED: the task whose result (or tacit approval) clears the shipment. */
  @IsString() @Length(0, 64) taskId: string;
}

export const RiskAssessed = defineEvent({
  type: 'tongguan.inspection.RiskAssessed.v1',
  topic: Topics.inspection,
  source: 'inspection',
  payload: RiskAssessedPayload,
  description: 'Risk channel chosen: GREEN (no check), YELLOW (documents) or RED (physical) [TRS T3].',
});
