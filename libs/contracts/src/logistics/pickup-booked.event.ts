import { IsISO8601, IsString, Length } from 'class-validator';
import { ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class PickupBookedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) bookingId: string;
  @IsString() @Length(1, 64) orderId: string;
  @IsString() @Length(1, 64) carrierId: string;
  @IsString() @Length(1, 20) truckPlate: string;
  @IsString() @Length(1, 64) terminal: string;
  /** The reserved pickup hour at the terminal gate, [slotStart, slotEnd), RFC 3339 business time. */
  @IsISO8601({ strict: true }) slotStart: string;
  @IsISO8601({ strict: true }) slotEnd: string;
}

export const PickupBooked = defineEvent({
  type: 'tongguan.logistics.PickupBooked.v1',
  topic: Topics.logistics,
  source: 'logistics-trading',
  payload: PickupBookedPayload,
  description:
    'The importer accepted a carrier quote; the booking holds a pickup slot at the terminal, which the gate honours.',
});
