import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, Matches } from 'class-validator';
import { CONTAINER_NUMBER_PATTERN, ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class ExportGateInRecordedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) gateTransactionId: string;
  /** The accepted export declaration the gate checked. */
  @IsString() @Length(1, 64) declarationId: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Matches(CONTAINER_NUMBER_PATTERN, { each: true })
  containerNumbers: string[];
  @IsString() @Length(1, 20) truckPlate: string;
}

export const ExportGateInRecorded = defineEvent({
  type: 'tongguan.port.ExportGateInRecorded.v1',
  topic: Topics.port,
  source: 'port-exchange',
  payload: ExportGateInRecordedPayload,
  description:
    'Export containers entered the terminal against an accepted export declaration [TRS export arrival of goods at the port].',
});
