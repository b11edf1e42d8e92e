import { IsNumber, IsString, Length, Min } from 'class-validator';
import { ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class ClearanceSlaBreachedPayload extends ShipmentPayload {
  @IsNumber() @Min(0) elapsedHours: number;
  @IsNumber() @Min(0) targetHours: number;
  @IsString() @Length(1, 40) stage: string;
}

export const ClearanceSlaBreached = defineEvent({
  type: 'tongguan.clearance.ClearanceSlaBreached.v1',
  topic: Topics.clearance,
  source: 'clearance-monitor',
  payload: ClearanceSlaBreachedPayload,
  description: 'A shipment passed the clearance target without being released.',
});
