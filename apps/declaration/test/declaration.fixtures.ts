import type { EventTap } from '@tongguan/testing';

/** The consignee party the manifests of these tests name. */
export const CONSIGNEE = 'TRADER-1';

/** The carrier's manifest line naming the consignee, as port-exchange announces it. */
export function manifest(tap: EventTap, bl: string, consigneePartyId = CONSIGNEE) {
  return tap.publish('BillOfLadingManifested', {
    shipmentId: bl,
    blNumber: bl,
    vesselCallId: `CALL-${bl}`,
    carrierPartyId: 'CARRIER-1',
    consigneePartyId,
    revision: 1,
  });
}
