import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateRepository } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { ExportGateRefusal, ExportShipment } from './export-shipment.schema';
import { LoadingList } from './loading-list.schema';

/** Export shipments by shipmentId, kept from the declaration's events; the gate writes its gate-ins here. */
@Injectable()
export class ExportShipmentRepository extends AggregateRepository<ExportShipment> {
  constructor(@InjectModel(ExportShipment.name) shipments: Model<ExportShipment>) {
    super(shipments, 'export shipment');
  }

  /**
   * An accepted export declaration opens its shipment; one accepted after the shipment's earlier
   * declaration was withdrawn or refused takes its place. Idempotent: a redelivery changes nothing.
   */
  async accepted(shipmentId: string, declarationId: string, exporterId: string, at: Date): Promise<void> {
    const fresh = {
      _id: shipmentId,
      declarationId,
      exporterId,
      open: true,
      acceptedAt: at,
      containerNumbers: [],
      gateIns: [],
    };
    if (await this.insert(fresh)) return;
    await this.modify(shipmentId, (current) =>
      current.open || current.declarationId === declarationId
        ? null
        : {
            change: {
              set: { declarationId, exporterId, open: true, acceptedAt: at },
              unset: ['closedReason', 'releasedForLoadingAt'],
            },
          },
    );
  }

  /** The declaration was withdrawn or refused: no gate-in, no loading against it. */
  async closed(shipmentId: string, declarationId: string, reason: string): Promise<void> {
    await this.modify(shipmentId, (current) =>
      current.declarationId === declarationId && current.open
        ? { change: { set: { open: false, closedReason: reason } } }
        : null,
    );
  }

  async releasedForLoading(shipmentId: string, declarationId: string, at: Date): Promise<void> {
    await this.modify(shipmentId, (current) =>
      current.declarationId === declarationId && !current.releasedForLoadingAt
        ? { change: { set: { releasedForLoadingAt: at } } }
        : null,
    );
  }

  async findMany(shipmentIds: readonly string[]): Promise<Map<string, ExportShipment>> {
    const found = await Promise.all([...new Set(shipmentIds)].map((id) => this.findById(id)));
    return new Map(found.filter((s): s is ExportShipment => s !== null).map((s) => [s._id, s]));
  }
}

/** Export gate refusals, each stored once (by its gate transaction id) with its ExportGateInRefused. */
@Injectable()
export class ExportGateRefusalRepository extends AggregateRepository<ExportGateRefusal> {
  constructor(@InjectModel(ExportGateRefusal.name) refusals: Model<ExportGateRefusal>) {
    super(refusals, 'export gate refusal');
  }
}

/** Loading lists by vessel call id. */
@Injectable()
export class LoadingListRepository extends AggregateRepository<LoadingList> {
  constructor(@InjectModel(LoadingList.name) lists: Model<LoadingList>) {
    super(lists, 'loading list');
  }
}
