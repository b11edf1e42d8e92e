import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { PARTY_ID_PATTERN, ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class BillOfLadingWithdrawnPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) blNumber: string;
  @IsString() @Length(1, 64) vesselCallId: string;
  /** The party that owned the line; absent for a line stored before lines had owners. */
  @IsOptional()
  @Matches(PARTY_ID_PATTERN, { message: 'carrierPartyId must be a party id' })
  carrierPartyId?: string;
  /** Who withdrew it: the owner, or operations resolving a disputed B/L number. */
  @Matches(PARTY_ID_PATTERN, { message: 'withdrawnBy must be a party id' }) withdrawnBy: string;
  @IsIn(['port', 'carrier', 'ops']) withdrawnByRole: 'port' | 'carrier' | 'ops';
  @IsString() @Length(1, 500) reason: string;
  @IsInt() @Min(1) revision: number;
}

export const BillOfLadingWithdrawn = defineEvent({
  type: 'tongguan.port.BillOfLadingWithdrawn.v1',
  topic: Topics.port,
  source: 'port-exchange',
  payload: BillOfLadingWithdrawnPayload,
  description:
    'A manifest line was withdrawn before discharge: nobody may declare the B/L until a manifest files it again.',
});
