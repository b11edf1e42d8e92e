import { IsInt, IsString, Length, Matches, Min } from 'class-validator';
import { PARTY_ID_PATTERN, ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/**
 * The manifest facts a declaration needs: which party owns the B/L's manifest line and which consignee
 * it names. `revision` counts the line's changes, so a consumer keeps the newest whatever the order.
 */
export class ManifestLinePayload extends ShipmentPayload {
  @IsString() @Length(1, 64) blNumber: string;
  @IsString() @Length(1, 64) vesselCallId: string;
  /** The carrier or terminal party that owns the vessel call and its manifest. */
  @Matches(PARTY_ID_PATTERN, { message: 'carrierPartyId must be a party id' }) carrierPartyId: string;
  /** The consignee's party id as the manifest names it: the party that may declare the B/L. */
  @Matches(PARTY_ID_PATTERN, { message: 'consigneePartyId must be a party id' }) consigneePartyId: string;
  @IsInt() @Min(1) revision: number;
}

/** Both the filing and each amendment announce the line as it stands: one payload schema. */
export type BillOfLadingManifestedPayload = ManifestLinePayload;

export const BillOfLadingManifested = defineEvent({
  type: 'tongguan.port.BillOfLadingManifested.v1',
  topic: Topics.port,
  source: 'port-exchange',
  payload: ManifestLinePayload,
  description:
    'A manifest line was filed: the B/L, its vessel call, the carrier party that owns it and the consignee party it names.',
});
