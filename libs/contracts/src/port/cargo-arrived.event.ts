import { ArrayMaxSize, IsArray, IsInt, IsNumber, IsString, Length, Min } from 'class-validator';
import { ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class CargoArrivedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) vesselCallId: string;
  @IsString() @Length(1, 100) vesselName: string;
  @IsString() @Length(1, 32) voyage: string;
  @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) containerNumbers: string[];
  @IsInt() @Min(0) packages: number;
  @IsNumber() @Min(0) grossWeightKg: number;
}

export const CargoArrived = defineEvent({
  type: 'tongguan.port.CargoArrived.v1',
  topic: Topics.port,
  source: 'port-exchange',
  payload: CargoArrivedPayload,
  description: 'The cargo of one bill of lading was discharged at the terminal [TRS T0 arrival].',
});
