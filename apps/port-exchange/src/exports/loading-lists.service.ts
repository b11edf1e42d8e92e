import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { shipmentIdOf, type CloudEvent } from '@tongguan/contracts';
import { EventFactory, OutboxRelay } from '@tongguan/messaging';
import { DomainError, NotFoundError } from '@tongguan/platform';
import { VesselCallsService } from '../vessel-calls/vessel-calls.service';
import { ExportShipmentRepository, LoadingListRepository } from './export-records.repository';
import { departuresOf, loadingOutcome, type LoadingLine } from './export-rules';
import type { LoadingListDto } from './exports.dto';
import type { LoadingList, LoadingLineOnRecord } from './loading-list.schema';

/**
 * A vessel's loading list and its departure. Every container the list names is checked against
 * customs' release for loading; one that was not released is an incident (LoadingIncident, kept on the
 * list). The departure confirms the exit of every shipment loaded (GoodsDeparted).
 */
@Injectable()
export class LoadingListsService implements OnModuleInit {
  constructor(
    private readonly lists: LoadingListRepository,
    private readonly shipments: ExportShipmentRepository,
    private readonly calls: VesselCallsService,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.lists.outboxModel);
  }

  /** Files the call's loading list once, with an incident for each container not released for loading. */
  async file(vesselCallId: string, dto: LoadingListDto, filer: Principal, correlationId?: string) {
    const call = await this.calls.readable(vesselCallId, filer);
    const lines: LoadingLine[] = dto.containers.map((c) => ({
      containerNumber: c.containerNumber,
      shipmentId: shipmentIdOf(c.blNumber),
    }));
    const known = await this.shipments.findMany(lines.map((l) => l.shipmentId));
    const events: CloudEvent[] = [];
    const recorded = lines.map((line): LoadingLineOnRecord => {
      const outcome = loadingOutcome(line, known.get(line.shipmentId) ?? null);
      if (outcome.kind === 'loaded') return { ...line, outcome: 'loaded' };
      events.push(
        this.events.create(
          'LoadingIncident',
          {
            shipmentId: line.shipmentId,
            vesselCallId,
            containerNumber: line.containerNumber,
            kind: outcome.incident,
            reason: outcome.reason,
          },
          { correlationId },
        ),
      );
      return { ...line, outcome: 'incident', incident: outcome.incident, reason: outcome.reason };
    });
    const list = {
      _id: vesselCallId,
      vesselName: call.vesselName,
      voyage: call.voyage,
      filedBy: filer.party,
      filedAt: this.clock.now(),
      lines: recorded,
    };
    if (!(await this.lists.insert(list, events))) {
      throw new DomainError(
        'LOADING_LIST.ALREADY_FILED',
        `the loading list of vessel call ${vesselCallId} is filed already`,
        HttpStatus.CONFLICT,
      );
    }
    return viewOf(list);
  }

  async get(vesselCallId: string, reader: Principal) {
    await this.calls.readable(vesselCallId, reader);
    const list = await this.lists.findById(vesselCallId);
    if (!list) throw new NotFoundError('loading list of vessel call', vesselCallId);
    return viewOf(list);
  }

  /** The vessel left: GoodsDeparted for every shipment the list loaded, once. */
  async depart(vesselCallId: string, who: Principal, correlationId?: string) {
    await this.calls.readable(vesselCallId, who);
    let departures: Map<string, string[]> = new Map();
    let departedAt: Date | undefined;
    const { current, applied } = await this.lists.modify(vesselCallId, (list) => {
      if (list.departedAt) return null;
      departures = departuresOf(list.lines.filter((l) => l.outcome === 'loaded'));
      const events = [...departures].map(([shipmentId, containerNumbers]) =>
        this.events.create(
          'GoodsDeparted',
          { shipmentId, vesselCallId, vesselName: list.vesselName, voyage: list.voyage, containerNumbers },
          { correlationId },
        ),
      );
      departedAt = this.clock.now();
      return { change: { set: { departedAt } }, events };
    });
    if (!current) {
      throw new DomainError(
        'LOADING_LIST.MISSING',
        `vessel call ${vesselCallId} has no loading list: file it before the departure`,
        HttpStatus.CONFLICT,
      );
    }
    if (!applied) {
      throw new DomainError(
        'LOADING_LIST.ALREADY_DEPARTED',
        `vessel call ${vesselCallId} has departed already`,
        HttpStatus.CONFLICT,
      );
    }
    return {
      vesselCallId,
      departedAt,
      shipments: [...departures].map(([shipmentId, containerNumbers]) => ({ shipmentId, containerNumbers })),
    };
  }
}

function viewOf(
  list: Pick<LoadingList, '_id' | 'vesselName' | 'voyage' | 'filedBy' | 'filedAt' | 'lines' | 'departedAt'>,
) {
  return {
    vesselCallId: list._id,
    vesselName: list.vesselName,
    voyage: list.voyage,
    filedBy: list.filedBy,
    filedAt: list.filedAt,
    ...(list.departedAt ? { departedAt: list.departedAt } : {}),
    lines: list.lines,
    incidents: list.lines.filter((l) => l.outcome === 'incident').length,
  };
}
