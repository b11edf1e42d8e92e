import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, Matches } from 'class-validator';
import { CONTAINER_NUMBER_PATTERN, ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class GoodsDepartedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) vesselCallId: string;
  @IsString() @Length(1, 100) vesselName: string;
  @IsString() @Length(1, 32) voyage: string;
  /** The shipment's containers the loading list put on board. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Matches(CONTAINER_NUMBER_PATTERN, { each: true })
  containerNumbers: string[];
}

export const GoodsDeparted = defineEvent({
  type: 'tongguan.port.GoodsDeparted.v1',
  topic: Topics.port,
  source: 'port-exchange',
  payload: GoodsDepartedPayload,
  description:
    'The vessel left with the export shipment loaded (loading list and departure): the goods exited [TRS export departure].',
});
