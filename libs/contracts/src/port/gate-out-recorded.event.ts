import { ArrayMaxSize, IsArray, IsString, Length } from 'class-validator';
import { ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class GateOutRecordedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) gateTransactionId: string;
  @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) containerNumbers: string[];
  @IsString() @Length(1, 20) truckPlate: string;
}

export const GateOutRecorded = defineEvent({
  type: 'tongguan.port.GateOutRecorded.v1',
  topic: Topics.port,
  source: 'port-exchange',
  payload: GateOutRecordedPayload,
  description: 'Released cargo left the terminal gate [TRS T7 gate-out].',
});
