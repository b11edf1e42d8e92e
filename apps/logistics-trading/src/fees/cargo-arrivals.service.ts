import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { IncomingEvent } from '@tongguan/messaging';
import type { Model } from 'mongoose';
import { CargoArrival } from './cargo-arrival.schema';
import type { DischargedCargo } from './port-fees';

/** Where storage starts: the first discharge recorded for each shipment. */
@Injectable()
export class CargoArrivalsService {
  constructor(@InjectModel(CargoArrival.name) private readonly arrivals: Model<CargoArrival>) {}

  /** Idempotent: a redelivered or repeated CargoArrived keeps the first discharge on record. */
  async record(arrived: IncomingEvent<'CargoArrived'>): Promise<void> {
    const { shipmentId, vesselCallId, containerNumbers, grossWeightKg } = arrived.payload;
    const arrival: Omit<CargoArrival, '_id'> = {
      vesselCallId,
      dischargedAt: new Date(arrived.time),
      containerCount: new Set(containerNumbers).size,
      grossWeightKg,
    };
    await this.arrivals
      .updateOne({ _id: shipmentId }, { $setOnInsert: arrival }, { upsert: true })
      // a concurrent first delivery inserted it: the record exists, as wanted
      .catch((error: { code?: number }) => (error.code === 11000 ? undefined : Promise.reject(error)));
  }

  async cargoOf(shipmentId: string): Promise<DischargedCargo | null> {
    return this.arrivals.findById(shipmentId, { _id: 0, vesselCallId: 0 }).lean();
  }

  /** The discharged cargo of several shipments at once (a page of payments). */
  async cargoOfMany(shipmentIds: string[]): Promise<Map<string, DischargedCargo>> {
    const found = await this.arrivals.find({ _id: { $in: [...new Set(shipmentIds)] } }).lean();
    return new Map(found.map(({ _id, ...cargo }) => [_id, cargo]));
  }
}
