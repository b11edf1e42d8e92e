import { IsOptional, IsString, Length } from 'class-validator';
import { ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class GateInRecordedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) gateTransactionId: string;
  @IsString() @Length(1, 20) truckPlate: string;
  /** The pickup booking the truck came for, when it named one. */
  @IsOptional() @IsString() @Length(1, 64) bookingId?: string;
}

export const GateInRecorded = defineEvent({
  type: 'tongguan.port.GateInRecorded.v1',
  topic: Topics.port,
  source: 'port-exchange',
  payload: GateInRecordedPayload,
  description: 'A truck entered the terminal gate to collect the cargo of a shipment.',
});
