import { Controller } from '@nestjs/common';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import { ReleasesRepository } from './releases.repository';

@Controller()
export class ReleasesEventsController {
  constructor(private readonly releases: ReleasesRepository) {}

  @OnEvent('ShipmentReleased')
  async onShipmentReleased(event: IncomingEvent<'ShipmentReleased'>): Promise<void> {
    await this.releases.recordRelease(
      event.payload.shipmentId,
      event.payload.declarationId,
      new Date(event.time),
    );
  }
}
