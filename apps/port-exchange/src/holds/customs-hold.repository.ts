import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { CloudEvent } from '@tongguan/contracts';
import { AggregateRepository, upsert, WITHOUT_OUTBOX, type Unsaved } from '@tongguan/persistence';
import type { FilterQuery, Model } from 'mongoose';
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

  /**
   * Holds newest first, for people: it scans and sorts. With `overdue` (true or false) at `now`: only
   * the active holds past their reviewDueAt, soonest due first (served by the { status, reviewDueAt }
   * index), or only the others.
   */
  async list(query: ListHoldsQuery, now: Date, shipmentId?: string) {
    if (query.overdue !== undefined) return this.listByLateness(query, query.overdue, now, shipmentId);
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

  private async listByLateness(query: ListHoldsQuery, overdue: boolean, now: Date, shipmentId?: string) {
    const late: FilterQuery<CustomsHold> = { status: 'active', reviewDueAt: { $lt: now } };
    const criteria: FilterQuery<CustomsHold> = {
      ...(shipmentId ? { shipmentId } : {}),
      ...(query.status ? { status: query.status } : {}),
    };
    const filter: FilterQuery<CustomsHold> = { $and: [criteria, overdue ? late : { $nor: [late] }] };
    const sort: Record<string, 1 | -1> = overdue ? { reviewDueAt: 1, _id: 1 } : { placedAt: -1, _id: 1 };
    const [items, total] = await Promise.all([
      this.model
        .find(filter, WITHOUT_OUTBOX)
        .sort(sort)
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .lean<CustomsHold[]>(),
      this.model.countDocuments(filter),
    ]);
    return { items, total };
  }
}
