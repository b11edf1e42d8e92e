import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateRepository } from '@tongguan/persistence';
import type { FilterQuery, Model } from 'mongoose';
import type { ListVesselCallsQuery } from './vessel-call.dto';
import { VesselCall } from './vessel-call.schema';

export type NewVesselCall = Pick<
  VesselCall,
  '_id' | 'vesselName' | 'voyage' | 'imoNumber' | 'eta' | 'ownerPartyId'
>;

/** Loads and saves vessel calls (by _id); the list for people is the only query that scans. */
@Injectable()
export class VesselCallRepository extends AggregateRepository<VesselCall> {
  constructor(@InjectModel(VesselCall.name) calls: Model<VesselCall>) {
    super(calls, 'vessel call');
  }

  /** Stores a new call and returns it as stored (with its timestamps). */
  async announce(call: NewVesselCall): Promise<VesselCall> {
    const created = await this.model.create({ ...call, revision: 1 });
    return created.toObject();
  }

  /** Calls by ETA (then id, so pages never overlap), filtered (to one owner's, when given). Not a hot path: it scans and sorts. */
  async list(
    query: ListVesselCallsQuery,
    ownerPartyId?: string,
  ): Promise<{ items: VesselCall[]; total: number }> {
    const filter: FilterQuery<VesselCall> = ownerPartyId === undefined ? {} : { ownerPartyId };
    if (query.vesselName) filter.vesselName = { $regex: escapeRegex(query.vesselName), $options: 'i' };
    if (query.voyage) filter.voyage = query.voyage;
    if (query.imoNumber) filter.imoNumber = query.imoNumber;
    if (query.status) filter.ata = { $exists: query.status === 'arrived' };
    if (query.etaFrom || query.etaTo) {
      filter.eta = {
        ...(query.etaFrom ? { $gte: new Date(query.etaFrom) } : {}),
        ...(query.etaTo ? { $lt: new Date(query.etaTo) } : {}),
      };
    }
    const [items, total] = await Promise.all([
      this.model
        .find(filter)
        .sort({ eta: 1, _id: 1 })
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .lean<VesselCall[]>(),
      this.model.countDocuments(filter),
    ]);
    return { items, total };
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
