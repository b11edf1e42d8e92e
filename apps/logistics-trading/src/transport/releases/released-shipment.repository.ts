import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateRepository } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { ReleasedShipment } from './released-shipment.schema';

/** Releases keyed by shipmentId: every lookup goes by _id. */
@Injectable()
export class ReleasedShipmentRepository extends AggregateRepository<ReleasedShipment> {
  constructor(@InjectModel(ReleasedShipment.name) released: Model<ReleasedShipment>) {
    super(released, 'released shipment');
  }

  /** Keeps the first release of the shipment: false when one is on record already. */
  async recordFirst(release: Omit<ReleasedShipment, 'revision'>): Promise<boolean> {
    return this.insert(release);
  }
}
