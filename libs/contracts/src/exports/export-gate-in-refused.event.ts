import { ArrayMinSize, IsArray, IsString, Length } from 'class-validator';
import { ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class ExportGateInRefusedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) gateTransactionId: string;
  @IsArray() @IsString({ each: true }) containerNumbers: string[];
  @IsString() @Length(1, 20) truckPlate: string;
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) reasons: string[];
}

export const ExportGateInRefused = defineEvent({
  type: 'tongguan.port.ExportGateInRefused.v1',
  topic: Topics.port,
  source: 'port-exchange',
  payload: ExportGateInRefusedPayload,
  description:
    'Export containers came to the gate without an accepted export declaration; the gate stayed shut.',
});
