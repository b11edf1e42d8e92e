import { IsString, Length } from 'class-validator';
import { ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class CustomsHoldPlacedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) holdId: string;
  /** The customs officer (party) who placed it, or 'customs' for a hold the platform placed itself. */
  @IsString() @Length(1, 64) placedBy: string;
  @IsString() @Length(1, 500) reason: string;
}

export const CustomsHoldPlaced = defineEvent({
  type: 'tongguan.port.CustomsHoldPlaced.v1',
  topic: Topics.port,
  source: 'port-exchange',
  payload: CustomsHoldPlacedPayload,
  description:
    'Customs put a hold on cargo at the terminal; the gate stays shut for it until the hold is lifted.',
});
