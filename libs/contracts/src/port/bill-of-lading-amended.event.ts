import { ManifestLinePayload } from './bill-of-lading-manifested.event';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export type BillOfLadingAmendedPayload = ManifestLinePayload;

export const BillOfLadingAmended = defineEvent({
  type: 'tongguan.port.BillOfLadingAmended.v1',
  topic: Topics.port,
  source: 'port-exchange',
  payload: ManifestLinePayload,
  description:
    'The owner of a manifest line changed it before discharge (the consignee party included); the line as it now stands.',
});
