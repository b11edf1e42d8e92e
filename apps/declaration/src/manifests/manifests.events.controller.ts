import { Controller } from '@nestjs/common';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import { ManifestChangesService } from './manifest-changes.service';

/** The manifest facts a declaration needs (who may declare a B/L), as port-exchange announces them. */
@Controller()
export class ManifestsEventsController {
  constructor(private readonly changes: ManifestChangesService) {}

  @OnEvent('BillOfLadingManifested', 'BillOfLadingAmended')
  async onFiled(event: IncomingEvent<'BillOfLadingManifested' | 'BillOfLadingAmended'>): Promise<void> {
    const { shipmentId, blNumber, vesselCallId, carrierPartyId, consigneePartyId, revision } = event.payload;
    const fact = {
      kind: 'filed' as const,
      blNumber,
      vesselCallId,
      carrierPartyId,
      consigneePartyId,
      revision,
    };
    await this.changes.record(shipmentId, fact, event);
  }

  @OnEvent('BillOfLadingWithdrawn')
  async onWithdrawn(event: IncomingEvent<'BillOfLadingWithdrawn'>): Promise<void> {
    const { shipmentId, blNumber, vesselCallId, revision } = event.payload;
    await this.changes.record(shipmentId, { kind: 'withdrawn', blNumber, vesselCallId, revision }, event);
  }
}
