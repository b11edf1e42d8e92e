import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { shipmentIdOf, type CloudEvent, type FieldProblem } from '@tongguan/contracts';
import { OutboxRelay } from '@tongguan/messaging';
import { DomainError, NotFoundError } from '@tongguan/platform';
import { VesselCallsService } from '../vessel-calls/vessel-calls.service';
import { decideGateOutRecord } from './bill-of-lading-rules';
import type { BillOfLading } from './bill-of-lading.schema';
import { BillOfLadingRepository } from './bill-of-lading.repository';
import type { ListBillsOfLadingQuery } from './bill-of-lading.views';
import { checkManifest } from './manifest-line';
import { ManifestStore, type LineOutcome } from './manifest-store';

@Injectable()
export class BillsOfLadingService implements OnModuleInit {
  constructor(
    private readonly bills: BillOfLadingRepository,
    private readonly calls: VesselCallsService,
    private readonly store: ManifestStore,
    private readonly relay: OutboxRelay,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.bills.outboxModel);
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
    const bill = await this.bills.find(shipmentId);
    if (!bill) throw new NotFoundError('bill of lading', shipmentId);
    return bill;
  }

  /** The B/L of the shipment, or null when it was never manifested here. */
  async find(shipmentId: string): Promise<BillOfLading | null> {
    return this.bills.find(shipmentId);
  }

  /** The manifest of a call, in B/L number order. */
  async listOfCall(
    vesselCallId: string,
    query: ListBillsOfLadingQuery,
  ): Promise<{ items: BillOfLading[]; page: number; pageSize: number; total: number }> {
    await this.calls.get(vesselCallId);
    const { items, total } = await this.bills.pageOfCall(vesselCallId, query);
    return { items, page: query.page, pageSize: query.pageSize, total };
  }

  /** Records the gate-out once, atomically with its event; false when the cargo already left. */
  async recordGateOut(shipmentId: string, event: CloudEvent): Promise<boolean> {
    const { applied } = await this.bills.modify(shipmentId, (bill) => {
      const change = decideGateOutRecord(bill, new Date(event.time));
      return change && { change, events: [event] };
    });
    return applied;
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
