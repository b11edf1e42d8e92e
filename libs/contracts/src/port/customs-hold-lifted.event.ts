import { IsString, Length } from 'class-validator';
import { ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class CustomsHoldLiftedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) holdId: string;
  @IsString() @Length(1, 64) liftedBy: string;
  @IsString() @Length(1, 500) reason: string;
}

export const CustomsHoldLifted = defineEvent({
  type: 'tongguan.port.CustomsHoldLifted.v1',
  topic: Topics.port,
  source: 'port-exchange',
  payload: CustomsHoldLiftedPayload,
  description: 'Customs lifted a hold on cargo at the terminal.',
});
