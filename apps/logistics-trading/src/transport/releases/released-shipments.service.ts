import { Injectable } from '@nestjs/common';
import type { IncomingEvent } from '@tongguan/messaging';
import type { ReleasedShipment } from './released-shipment.schema';
import { ReleasedShipmentRepository } from './released-shipment.repository';

@Injectable()
export class ReleasedShipmentsService {
  constructor(private readonly released: ReleasedShipmentRepository) {}

  /** Idempotent: the first release is kept, a redelivery changes nothing. */
  async record(event: IncomingEvent<'ShipmentReleased'>): Promise<void> {
    const { shipmentId, importerId, declarationId } = event.payload;
    await this.released.recordFirst({
      _id: shipmentId,
      importerId,
      declarationId,
      releasedAt: new Date(event.time),
    });
  }

  /** The release of the importer's own shipment, or null (another importer's counts as not released). */
  async releasedFor(shipmentId: string, importerId: string): Promise<ReleasedShipment | null> {
    const release = await this.released.findById(shipmentId);
    return release?.importerId === importerId ? release : null;
  }
}
