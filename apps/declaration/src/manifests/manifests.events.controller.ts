import { Controller } from '@nestjs/common';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import { ManifestedBillRepository } from './manifested-bill.repository';

/** The manifest facts a declaration needs (who may declare a B/L), as port-exchange announces them. */
@Controller()
export class ManifestsEventsController {
  constructor(private readonly bills: ManifestedBillRepository) {}

  @OnEvent('BillOfLadingManifested', 'BillOfLadingAmended')
  async onFiled(event: IncomingEvent<'BillOfLadingManifested' | 'BillOfLadingAmended'>): Promise<void> {
    const { shipmentId, blNumber, vesselCallId, carrierPartyId, consigneePartyId, revision } = event.payload;
    await this.bills.record(shipmentId, {
      kind: 'filed',
      blNumber,
      vesselCallId,
      carrierPartyId,
      consigneePartyId,
      revision,
    });
  }

  @OnEvent('BillOfLadingWithdrawn')
  async onWithdrawn(event: IncomingEvent<'BillOfLadingWithdrawn'>): Promise<void> {
    const { shipmentId, blNumber, vesselCallId, revision } = event.payload;
    await this.bills.record(shipmentId, { kind: 'withdrawn', blNumber, vesselCallId, revision });
  }
}
