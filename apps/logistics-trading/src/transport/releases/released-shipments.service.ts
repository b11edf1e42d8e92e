import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { IncomingEvent } from '@tongguan/messaging';
import type { Model } from 'mongoose';
import { isDuplicateKey } from '@tongguan/persistence';
import { ReleasedShipment } from './released-shipment.schema';

@Injectable()
export class ReleasedShipmentsService {
  constructor(@InjectModel(ReleasedShipment.name) private readonly released: Model<ReleasedShipment>) {}

  /** Idempotent: the first release is kept, a redelivery changes nothing. */
  async record(event: IncomingEvent<'ShipmentReleased'>): Promise<void> {
    const { shipmentId, importerId, declarationId } = event.payload;
    await this.released
      .updateOne(
        { _id: shipmentId },
        { $setOnInsert: { importerId, declarationId, releasedAt: new Date(event.time) } },
        { upsert: true },
      )
      .catch((error: unknown) => {
        if (!isDuplicateKey(error)) throw error;
      });
  }

  /** The release of the importer's own shipment, or null (another importer's counts as not released). */
  async releasedFor(shipmentId: string, importerId: string): Promise<ReleasedShipment | null> {
    return this.released.findOne({ _id: shipmentId, importerId }).lean();
  }
}
