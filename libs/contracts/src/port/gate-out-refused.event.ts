import { ArrayMinSize, IsArray, IsString, Length } from 'class-validator';
import { ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class GateOutRefusedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) gateTransactionId: string;
  @IsString() @Length(1, 20) truckPlate: string;
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) reasons: string[];
}

export const GateOutRefused = defineEvent({
  type: 'tongguan.port.GateOutRefused.v1',
  topic: Topics.port,
  source: 'port-exchange',
  payload: GateOutRefusedPayload,
  description: 'A truck asked to take cargo out that is not released; the gate stayed shut.',
});
