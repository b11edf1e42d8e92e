import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PeriodicJob } from '@tongguan/platform';
import { FeedsConfig } from '../feeds-config';
import { ShipmentAudience } from './shipment-audience';
import { ShipmentPartiesRepository } from './shipment-parties.repository';

const SHIPMENTS_PER_PASS = 100;

/**
 * Logs the copies the event handlers could not: those whose original another instance was still
 * logging, or whose handler stopped after the decision. It reads the open set of shipments that owe
 * copies (almost always empty) every FEED_POLL_MS.
 */
@Injectable()
export class ReplaySweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReplaySweep.name);
  private readonly loop: PeriodicJob;

  constructor(
    private readonly parties: ShipmentPartiesRepository,
    private readonly audience: ShipmentAudience,
    config: FeedsConfig,
  ) {
    this.loop = new PeriodicJob(
      'replay sweep',
      async () => {
        await this.sweep();
        return config.FEED_POLL_MS;
      },
      config.FEED_POLL_MS,
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  async sweep(): Promise<void> {
    for (const entry of await this.parties.owingShipments(SHIPMENTS_PER_PASS)) {
      if (await this.audience.deliverOwed(entry._id)) await this.parties.noLongerOwing(entry);
    }
  }
}
