import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { upsert } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { ShipmentOwner } from './shipment-owner.schema';

/** The importer of each shipment, by _id (the shipmentId). */
@Injectable()
export class ShipmentOwnerRepository {
  constructor(@InjectModel(ShipmentOwner.name) private readonly owners: Model<ShipmentOwner>) {}

  /**
   * Names the shipment's owner, unless a later event already named one (a redelivered or late event
   * changes nothing).
   */
  async record(owner: ShipmentOwner): Promise<void> {
    const current = await this.owners.findById(owner._id).lean<ShipmentOwner>();
    if (current && current.namedAt.getTime() > owner.namedAt.getTime()) return;
    await upsert(this.owners, { _id: owner._id }, { $set: owner });
  }

  /** The owner of each of these shipments that has one. */
  async ownersOf(shipmentIds: readonly string[]): Promise<Map<string, string>> {
    if (shipmentIds.length === 0) return new Map();
    const found = await this.owners
      .find({ _id: { $in: [...new Set(shipmentIds)] } }, { importerId: 1 })
      .lean<Pick<ShipmentOwner, '_id' | 'importerId'>[]>();
    return new Map(found.map((o) => [o._id, o.importerId]));
  }
}
