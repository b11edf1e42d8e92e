import { IsNumber, IsString, Length, Min } from 'class-validator';
import { ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class ClearanceSlaAtRiskPayload extends ShipmentPayload {
  @IsNumber() @Min(0) elapsedHours: number;
  @IsNumber() @Min(0) predictedHours: number;
  @IsNumber() @Min(0) targetHours: number;
  @IsString() @Length(1, 40) stage: string;
}

export const ClearanceSlaAtRisk = defineEvent({
  type: 'tongguan.clearance.ClearanceSlaAtRisk.v1',
  topic: Topics.clearance,
  source: 'clearance-monitor',
  payload: ClearanceSlaAtRiskPayload,
  description: 'A shipment in flight is predicted to exceed the clearance target.',
});
