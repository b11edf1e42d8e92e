import { Controller } from '@nestjs/common';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import { PickupsService } from './pickups.service';

@Controller()
export class PickupsEventsController {
  constructor(private readonly pickups: PickupsService) {}

  @OnEvent('PickupBooked')
  async onPickupBooked(event: IncomingEvent<'PickupBooked'>): Promise<void> {
    await this.pickups.recordBooked(event);
  }

  @OnEvent('PickupCancelled')
  async onPickupCancelled(event: IncomingEvent<'PickupCancelled'>): Promise<void> {
    await this.pickups.recordCancelled(event);
  }
}
