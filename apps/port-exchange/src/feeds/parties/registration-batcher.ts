import { Injectable } from '@nestjs/common';
import type { HeardEvent } from './shipment-parties';
import { ShipmentPartiesRepository, type Registered, type Registration } from './shipment-parties.repository';

/** Registrations written by one group commit at most. */
const BATCH = 200;

/**
 * Group commit of registrations, like the event log's appends: the events of the partitions handled at
 * once wait while a write is under way and go together in the next (two round trips for all of them);
 * one alone goes in one atomic write. One registration per event cost a round trip in series with the
 * log append, for nearly every event of the platform.
 */
@Injectable()
export class RegistrationBatcher {
  private waiting: (Registration & { resolve: (r: Registered) => void; reject: (e: unknown) => void })[] = [];
  private flushing: Promise<void> | null = null;

  constructor(private readonly parties: ShipmentPartiesRepository) {}

  register(shipmentId: string, heard: HeardEvent): Promise<Registered> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ shipmentId, heard, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, BATCH);
      try {
        const [only] = batch;
        const results =
          batch.length === 1
            ? [await this.parties.registerOne(only.shipmentId, only.heard)]
            : await this.parties.registerAll(batch);
        batch.forEach(({ resolve }, index) => resolve(results[index]));
      } catch (error) {
        for (const { reject } of batch) reject(error);
      }
    }
    this.flushing = null;
  }
}
