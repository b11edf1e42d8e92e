import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Clock } from '@tongguan/clock';
import { DomainError, NotFoundError } from '@tongguan/platform';
import type { FilterQuery, Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import type {
  CreateVesselCallDto,
  ListVesselCallsQuery,
  VesselCallPage,
  VesselCallView,
} from './vessel-call.dto';
import { VesselCall } from './vessel-call.schema';

@Injectable()
export class VesselCallsService {
  constructor(
    @InjectModel(VesselCall.name) private readonly calls: Model<VesselCall>,
    private readonly clock: Clock,
  ) {}

  async create(dto: CreateVesselCallDto): Promise<VesselCallView> {
    const created = await this.calls.create({ _id: randomUUID(), ...dto, eta: new Date(dto.eta) });
    return toView(created.toObject());
  }

  async get(id: string): Promise<VesselCall> {
    const call = await this.calls.findById(id).lean();
    if (!call) throw new NotFoundError('vessel call', id);
    return call;
  }

  async view(id: string): Promise<VesselCallView> {
    return toView(await this.get(id));
  }

  /** Calls by ETA (then id, so pages never overlap), filtered by vessel, voyage, status and ETA range. */
  async list(query: ListVesselCallsQuery): Promise<VesselCallPage> {
    const filter: FilterQuery<VesselCall> = {};
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
      this.calls
        .find(filter)
        .sort({ eta: 1, _id: 1 })
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .lean(),
      this.calls.countDocuments(filter),
    ]);
    return { items: items.map(toView), page: query.page, pageSize: query.pageSize, total };
  }

  /**
   * The port reports the actual time of arrival. It replaces one taken from the first discharge (a vessel
   * arrives before it discharges, so it may not be later than that); reporting the same ATA again is a
   * no-op, a different one a conflict.
   */
  async reportArrival(id: string, ataText: string): Promise<VesselCallView> {
    const ata = new Date(ataText);
    const call = await this.get(id);
    const problems = [];
    if (ata.getTime() > this.clock.nowMs()) {
      problems.push({ path: 'ata', code: 'ATA_IN_FUTURE', message: `ata ${ataText} is in the future` });
    }
    if (call.ataSource === 'first-discharge' && call.ata && ata > call.ata) {
      problems.push({
        path: 'ata',
        code: 'ATA_AFTER_DISCHARGE',
        message: `ata ${ataText} is after the first discharge of the call (${call.ata.toISOString()})`,
      });
    }
    if (problems.length > 0) {
      throw new DomainError(
        'VESSEL_CALL.ATA_INVALID',
        'the actual time of arrival has problems; every one is listed',
        HttpStatus.UNPROCESSABLE_ENTITY,
        problems,
      );
    }
    await this.calls.updateOne(
      { _id: id, ataSource: { $ne: 'reported' } },
      { $set: { ata, ataSource: 'reported' } },
    );
    const recorded = await this.get(id);
    if (recorded.ata?.getTime() !== ata.getTime()) {
      throw new DomainError(
        'VESSEL_CALL.ATA_ALREADY_REPORTED',
        `vessel call ${id} already has the reported ATA ${recorded.ata?.toISOString()}`,
        HttpStatus.CONFLICT,
      );
    }
    return toView(recorded);
  }

  /** The first discharge stands in for the ATA until the port reports one. */
  async recordArrival(id: string, at: Date): Promise<void> {
    await this.calls.updateOne(
      { _id: id, ata: { $exists: false } },
      { $set: { ata: at, ataSource: 'first-discharge' } },
    );
  }
}

function toView(call: VesselCall): VesselCallView {
  return {
    id: call._id,
    _id: call._id,
    vesselName: call.vesselName,
    voyage: call.voyage,
    ...(call.imoNumber ? { imoNumber: call.imoNumber } : {}),
    eta: call.eta,
    ...(call.ata ? { ata: call.ata, ataSource: call.ataSource ?? 'first-discharge' } : {}),
    status: call.ata ? 'arrived' : 'expected',
    createdAt: call.createdAt,
    updatedAt: call.updatedAt,
  };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
