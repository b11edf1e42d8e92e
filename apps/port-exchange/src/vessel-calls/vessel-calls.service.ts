import { HttpStatus, Injectable } from '@nestjs/common';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { DomainError, NotFoundError } from '@tongguan/platform';
import { randomUUID } from 'node:crypto';
import type {
  CreateVesselCallDto,
  ListVesselCallsQuery,
  VesselCallPage,
  VesselCallView,
} from './vessel-call.dto';
import { accessTo, listScopeOf } from './vessel-call-access';
import { decideFirstDischarge, decideReportedArrival, type ReportedArrival } from './vessel-call-arrival';
import type { VesselCall } from './vessel-call.schema';
import { VesselCallRepository } from './vessel-call.repository';

@Injectable()
export class VesselCallsService {
  constructor(
    private readonly calls: VesselCallRepository,
    private readonly clock: Clock,
  ) {}

  /** The announcing party (its token's party claim) owns the call and its manifest. */
  async create(dto: CreateVesselCallDto, owner: Principal): Promise<VesselCallView> {
    return toView(
      await this.calls.announce({
        _id: randomUUID(),
        ...dto,
        eta: new Date(dto.eta),
        ownerPartyId: owner.party,
      }),
    );
  }

  /** The call, for the port's own work on it (arrival, discharge): the terminal handles every call. */
  async get(id: string): Promise<VesselCall> {
    const call = await this.calls.findById(id);
    if (!call) throw new NotFoundError('vessel call', id);
    return call;
  }

  /** The call if the reader may see it; "not found" otherwise, so another carrier's call does not leak. */
  async readable(id: string, reader: Principal): Promise<VesselCall> {
    const call = await this.calls.findById(id);
    if (!call || accessTo(call, reader) === 'none') throw new NotFoundError('vessel call', id);
    return call;
  }

  /**
   * The call if `who` owns it, to change its manifest. A party that may not even see it gets "not
   * found"; the terminal, which sees every call, is told it is not the owner.
   */
  async owned(id: string, who: Principal): Promise<VesselCall> {
    const call = await this.readable(id, who);
    if (accessTo(call, who) !== 'owner') {
      throw new DomainError(
        'VESSEL_CALL.NOT_OWNER',
        `vessel call ${id} belongs to another party: only the party that announced it changes its manifest`,
        HttpStatus.FORBIDDEN,
      );
    }
    return call;
  }

  async view(id: string, reader: Principal): Promise<VesselCallView> {
    return toView(await this.readable(id, reader));
  }

  async list(query: ListVesselCallsQuery, reader: Principal): Promise<VesselCallPage> {
    const { items, total } = await this.calls.list(query, listScopeOf(reader));
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
    return toView(applied ? await this.get(id) : current);
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
    ...(call.ownerPartyId ? { ownerPartyId: call.ownerPartyId } : {}),
    eta: call.eta,
    ...(call.ata ? { ata: call.ata, ataSource: call.ataSource ?? 'first-discharge' } : {}),
    status: call.ata ? 'arrived' : 'expected',
    createdAt: call.createdAt,
    updatedAt: call.updatedAt,
  };
}
