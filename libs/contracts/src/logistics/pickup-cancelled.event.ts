import { IsString, Length } from 'class-validator';
import { ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class PickupCancelledPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) bookingId: string;
  @IsString() @Length(1, 64) cancelledBy: string;
  @IsString() @Length(1, 500) reason: string;
}

export const PickupCancelled = defineEvent({
  type: 'tongguan.logistics.PickupCancelled.v1',
  topic: Topics.logistics,
  source: 'logistics-trading',
  payload: PickupCancelledPayload,
  description: 'A pickup booking was cancelled and its terminal slot freed; the gate no longer honours it.',
});
