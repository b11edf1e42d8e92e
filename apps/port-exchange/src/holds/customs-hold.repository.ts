import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { CloudEvent } from '@tongguan/contracts';
import { AggregateRepository, upsert, WITHOUT_OUTBOX, type Unsaved } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import type { ListHoldsQuery } from './customs-hold.dto';
import { CustomsHold } from './customs-hold.schema';
import { CustomsHoldShipment } from './customs-hold-shipment.schema';

/** More active holds than this on one shipment is not a real case; the gate names these. */
const MAX_HOLDS = 100;

/** Loads and saves customs holds; finds a shipment's holds through the shipment index, by _id. */
@Injectable()
export class CustomsHoldRepository extends AggregateRepository<CustomsHold> {
  constructor(
    @InjectModel(CustomsHold.name) holds: Model<CustomsHold>,
    @InjectModel(CustomsHoldShipment.name) private readonly shipments: Model<CustomsHoldShipment>,
  ) {
    super(holds, 'customs hold');
  }

  async find(id: string): Promise<CustomsHold | null> {
    return this.findById(id, WITHOUT_OUTBOX);
  }

  /** Places a hold with its events; false when a hold with this id exists already. */
  async place(hold: Unsaved<CustomsHold>, events: CloudEvent[]) {
    await upsert(this.shipments, { _id: hold.shipmentId }, { $addToSet: { holdIds: hold._id } });
    return this.insert(hold, events);
  }

  /** The shipment's holds, by _id through the shipment index. */
  async ofShipment(shipmentId: string): Promise<Pick<CustomsHold, '_id' | 'status' | 'reason'>[]> {
    const shipment = await this.shipments.findById(shipmentId, { holdIds: 1 }).lean();
    if (!shipment?.holdIds.length) return [];
    return this.model
      .find({ _id: { $in: shipment.holdIds.slice(-MAX_HOLDS) } }, { status: 1, reason: 1 })
      .lean<Pick<CustomsHold, '_id' | 'status' | 'reason'>[]>();
  }

  /** Holds newest first, for people: it scans and sorts. */
  async list(query: ListHoldsQuery, shipmentId?: string) {
    return this.page(
      { ...(shipmentId ? { shipmentId } : {}), ...(query.status ? { status: query.status } : {}) },
      {
        sort: { placedAt: -1, _id: 1 },
        page: query.page,
        pageSize: query.pageSize,
        projection: WITHOUT_OUTBOX,
      },
    );
  }
}
