import { HttpStatus, Injectable } from '@nestjs/common';
import { Clock } from '@tongguan/clock';
import { DomainError, NotFoundError } from '@tongguan/platform';
import { randomUUID } from 'node:crypto';
import type {
  CreateVesselCallDto,
  ListVesselCallsQuery,
  VesselCallPage,
  VesselCallView,
} from './vessel-call.dto';
import { decideFirstDischarge, decideReportedArrival, type ReportedArrival } from './vessel-call-arrival';
import type { VesselCall } from './vessel-call.schema';
import { VesselCallRepository } from './vessel-call.repository';

@Injectable()
export class VesselCallsService {
  constructor(
    private readonly calls: VesselCallRepository,
    private readonly clock: Clock,
  ) {}

  async create(dto: CreateVesselCallDto): Promise<VesselCallView> {
    return toView(await this.calls.announce({ _id: randomUUID(), ...dto, eta: new Date(dto.eta) }));
  }

  async get(id: string): Promise<VesselCall> {
    const call = await this.calls.findById(id);
    if (!call) throw new NotFoundError('vessel call', id);
    return call;
  }

  async view(id: string): Promise<VesselCallView> {
    return toView(await this.get(id));
  }

  async list(query: ListVesselCallsQuery): Promise<VesselCallPage> {
    const { items, total } = await this.calls.list(query);
    return { items: items.map(toView), page: query.page, pageSize: query.pageSize, total };
  }

  /** The port reports the actual time of arrival (rules in vessel-call-arrival). */
  async reportArrival(id: string, ataText: string): Promise<VesselCallView> {
    const ata = new Date(ataText);
    const now = this.clock.now();
    let decision: ReportedArrival | null = null;
    const { current, applied } = await this.calls.modify(id, (call) => {
      decision = decideReportedArrival(call, ata, now);
      return decision.kind === 'record' ? { change: decision.change } : null;
    });
    if (!current) throw new NotFoundError('vessel call', id);
    const outcome = decision as ReportedArrival | null;
    if (outcome?.kind === 'invalid') {
      throw new DomainError(
        'VESSEL_CALL.ATA_INVALID',
        'the actual time of arrival has problems; every one is listed',
        HttpStatus.UNPROCESSABLE_ENTITY,
        outcome.problems,
      );
    }
    if (outcome?.kind === 'conflict') {
      throw new DomainError(
        'VESSEL_CALL.ATA_ALREADY_REPORTED',
        `vessel call ${id} already has the reported ATA ${outcome.reported?.toISOString()}`,
        HttpStatus.CONFLICT,
      );
    }
    return applied ? this.view(id) : toView(current);
  }

  /** The first discharge stands in for the ATA until the port reports one. */
  async recordFirstDischarge(call: VesselCall, at: Date): Promise<void> {
    if (!decideFirstDischarge(call, at)) return; // the call, as the discharge read it, has its ATA
    await this.calls.modify(call._id, (current) => {
      const change = decideFirstDischarge(current, at);
      return change && { change };
    });
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
