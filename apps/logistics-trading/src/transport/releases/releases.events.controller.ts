import { Controller } from '@nestjs/common';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import { ReleasedShipmentsService } from './released-shipments.service';

@Controller()
export class TransportReleasesEventsController {
  constructor(private readonly released: ReleasedShipmentsService) {}

  @OnEvent('ShipmentReleased')
  async onShipmentReleased(event: IncomingEvent<'ShipmentReleased'>): Promise<void> {
    await this.released.record(event);
  }
}
