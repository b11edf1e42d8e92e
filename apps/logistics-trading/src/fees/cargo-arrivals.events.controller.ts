import { Controller } from '@nestjs/common';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import { CargoArrivalsService } from './cargo-arrivals.service';

/** The port's discharge starts the storage clock of a shipment. */
@Controller()
export class CargoArrivalsEventsController {
  constructor(private readonly arrivals: CargoArrivalsService) {}

  @OnEvent('CargoArrived')
  async onCargoArrived(event: IncomingEvent<'CargoArrived'>): Promise<void> {
    await this.arrivals.record(event);
  }
}
