import { Injectable } from '@nestjs/common';
import type { IncomingEvent } from '@tongguan/messaging';
import { CargoArrivalRepository } from './cargo-arrival.repository';
import type { DischargedCargo } from './port-fees';

/** Where storage starts: the first discharge recorded for each shipment. */
@Injectable()
export class CargoArrivalsService {
  constructor(private readonly arrivals: CargoArrivalRepository) {}

  /** Idempotent: a redelivered or repeated CargoArrived keeps the first discharge on record. */
  async record(arrived: IncomingEvent<'CargoArrived'>): Promise<void> {
    const { shipmentId, vesselCallId, containerNumbers, grossWeightKg } = arrived.payload;
    await this.arrivals.recordFirst({
      _id: shipmentId,
      vesselCallId,
      dischargedAt: new Date(arrived.time),
      containerCount: new Set(containerNumbers).size,
      grossWeightKg,
    });
  }

  async cargoOf(shipmentId: string): Promise<DischargedCargo | null> {
    return this.arrivals.cargoOf(shipmentId);
  }

  /** The discharged cargo of several shipments at once (a page of payments). */
  async cargoOfMany(shipmentIds: string[]): Promise<Map<string, DischargedCargo>> {
    return this.arrivals.cargoOfMany(shipmentIds);
  }
}
