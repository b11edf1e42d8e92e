import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateRepository } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { CargoArrival } from './cargo-arrival.schema';
import type { DischargedCargo } from './port-fees';

/** Discharges keyed by shipmentId: every lookup goes by _id. */
@Injectable()
export class CargoArrivalRepository extends AggregateRepository<CargoArrival> {
  constructor(@InjectModel(CargoArrival.name) arrivals: Model<CargoArrival>) {
    super(arrivals, 'cargo arrival');
  }

  /** Keeps the first discharge of the shipment: false when one is on record already. */
  async recordFirst(arrival: Omit<CargoArrival, 'revision'>): Promise<boolean> {
    return this.insert(arrival);
  }

  async cargoOf(shipmentId: string): Promise<DischargedCargo | null> {
    return this.findById(shipmentId, { _id: 0, vesselCallId: 0, revision: 0 });
  }

  /** The discharged cargo of a page of payments (an $in on _id, for a reader's list). */
  async cargoOfMany(shipmentIds: string[]): Promise<Map<string, DischargedCargo>> {
    const found = await this.model
      .find({ _id: { $in: [...new Set(shipmentIds)] } }, { vesselCallId: 0, revision: 0 })
      .lean();
    return new Map(found.map(({ _id, ...cargo }) => [_id, cargo]));
  }
}
