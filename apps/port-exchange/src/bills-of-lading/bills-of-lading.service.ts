import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { shipmentIdOf, type CloudEvent, type FieldProblem } from '@tongguan/contracts';
import { OutboxRelay } from '@tongguan/messaging';
import { stageEvents, withState, type OutboxModel } from '@tongguan/persistence';
import { DomainError, NotFoundError } from '@tongguan/platform';
import type { FilterQuery, Model } from 'mongoose';
import { VesselCallsService } from '../vessel-calls/vessel-calls.service';
import { BillOfLading } from './bill-of-lading.schema';
import type { ListBillsOfLadingQuery } from './bill-of-lading.views';
import { checkManifest } from './manifest-line';
import { ManifestStore, type LineOutcome } from './manifest-store';

const HIDDEN = { outbox: 0, outboxPending: 0 } as const;

@Injectable()
export class BillsOfLadingService implements OnModuleInit {
  constructor(
    @InjectModel(BillOfLading.name) private readonly bills: Model<BillOfLading>,
    private readonly calls: VesselCallsService,
    private readonly store: ManifestStore,
    private readonly relay: OutboxRelay,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.bills as unknown as OutboxModel);
  }

  /**
   * Files (or completes) the manifest of a call, all or nothing: every deficiency of every line is
   * listed at once (422), including B/Ls already manifested on another call. Filing the same lines
   * again changes nothing.
   */
  async fileManifest(
    vesselCallId: string,
    body: unknown,
  ): Promise<{ vesselCallId: string; shipmentIds: string[] }> {
    await this.calls.get(vesselCallId);
    const { lines, problems } = checkManifest(body);
    if (problems.length > 0) throw rejected(problems);
    const refused = (outcomes: LineOutcome[]) =>
      outcomes.flatMap((outcome, index) =>
        outcome.kind === 'refused'
          ? [{ ...outcome.problem, path: `billsOfLading.${index}.${outcome.problem.path}` }]
          : [],
      );
    const planned = await this.store.plan(vesselCallId, lines);
    if (refused(planned).length > 0) throw rejected(refused(planned));
    // only a request racing this one on the same B/Ls can refuse a line now
    const written = await this.store.write(vesselCallId, lines, planned);
    if (refused(written).length > 0) throw rejected(refused(written), HttpStatus.CONFLICT);
    return { vesselCallId, shipmentIds: lines.map((line) => line.blNumber) };
  }

  async get(blNumber: string): Promise<BillOfLading> {
    const shipmentId = shipmentIdOf(blNumber);
    const bill = await this.bills.findById(shipmentId, HIDDEN).lean();
    if (!bill) throw new NotFoundError('bill of lading', shipmentId);
    return bill;
  }

  /** The manifest of a call, in B/L number order. */
  async listOfCall(
    vesselCallId: string,
    query: ListBillsOfLadingQuery,
  ): Promise<{ items: BillOfLading[]; page: number; pageSize: number; total: number }> {
    await this.calls.get(vesselCallId);
    const filter: FilterQuery<BillOfLading> = { vesselCallId };
    if (query.discharged !== undefined) filter.dischargedAt = { $exists: query.discharged };
    if (query.containerNumber) filter.containerNumbers = query.containerNumber;
    const [items, total] = await Promise.all([
      this.bills
        .find(filter, HIDDEN)
        .sort({ _id: 1 })
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .lean(),
      this.bills.countDocuments(filter),
    ]);
    return { items, page: query.page, pageSize: query.pageSize, total };
  }

  /** Records the gate-out once, atomically with its event; false when the cargo already left. */
  async recordGateOut(shipmentId: string, event: CloudEvent): Promise<boolean> {
    const updated = await this.bills.updateOne(
      { _id: shipmentId, gateOutAt: { $exists: false } },
      withState(stageEvents([event]), { gateOutAt: new Date(event.time) }),
    );
    this.relay.nudge();
    return updated.modifiedCount === 1;
  }
}

function rejected(problems: FieldProblem[], status = HttpStatus.UNPROCESSABLE_ENTITY): DomainError {
  return new DomainError(
    'MANIFEST.REJECTED',
    'the manifest has deficiencies; every one is listed and nothing else was changed',
    status,
    problems,
  );
}
