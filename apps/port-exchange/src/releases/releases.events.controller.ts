import { Controller } from '@nestjs/common';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import { ReleasesService } from './releases.service';

@Controller()
export class ReleasesEventsController {
  constructor(private readonly releases: ReleasesService) {}

  @OnEvent('ShipmentReleased')
  async onShipmentReleased(event: IncomingEvent<'ShipmentReleased'>): Promise<void> {
    await this.releases.recordRelease(
      event.payload.shipmentId,
      event.payload.declarationId,
      new Date(event.time),
    );
  }
}
