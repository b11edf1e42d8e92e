import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { shipmentIdOf, type CloudEvent, type FieldProblem } from '@tongguan/contracts';
import { EventFactory, OutboxRelay } from '@tongguan/messaging';
import { DomainError, NotFoundError } from '@tongguan/platform';
import { VesselCallsService } from '../vessel-calls/vessel-calls.service';
import { decideGateOutRecord, decideWithdrawal, mayReadLine, type Withdrawal } from './bill-of-lading-rules';
import type { BillOfLading } from './bill-of-lading.schema';
import { BillOfLadingRepository } from './bill-of-lading.repository';
import type { ListBillsOfLadingQuery } from './bill-of-lading.views';
import { ManifestConflictRepository } from './manifest-conflict.repository';
import { checkManifest } from './manifest-line';
import { ManifestStore, type LineOutcome } from './manifest-store';
import type { ListConflictsQuery } from './manifest.dto';

@Injectable()
export class BillsOfLadingService implements OnModuleInit {
  constructor(
    private readonly bills: BillOfLadingRepository,
    private readonly calls: VesselCallsService,
    private readonly store: ManifestStore,
    private readonly relay: OutboxRelay,
    private readonly conflicts: ManifestConflictRepository,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.bills.outboxModel);
  }

  /**
   * Files (or completes) the manifest of a call, all or nothing: every deficiency of every line is
   * listed at once (422), including B/Ls already manifested on another call. Filing the same lines
   * again changes nothing. Only the party that owns the call files on it.
   */
  async fileManifest(
    vesselCallId: string,
    body: unknown,
    filer: Principal,
  ): Promise<{ vesselCallId: string; shipmentIds: string[] }> {
    await this.calls.owned(vesselCallId, filer);
    const owner = { vesselCallId, partyId: filer.party };
    const { lines, problems } = checkManifest(body);
    if (problems.length > 0) throw rejected(problems);
    const refused = (outcomes: LineOutcome[]) =>
      outcomes.flatMap((outcome, index) =>
        outcome.kind === 'refused'
          ? [{ ...outcome.problem, path: `billsOfLading.${index}.${outcome.problem.path}` }]
          : [],
      );
    const planned = await this.store.plan(owner, lines);
    if (refused(planned).length > 0) throw rejected(refused(planned));
    // only a request racing this one on the same B/Ls can refuse a line now
    const written = await this.store.write(owner, lines, planned);
    if (refused(written).length > 0) throw rejected(refused(written), HttpStatus.CONFLICT);
    return { vesselCallId, shipmentIds: lines.map((line) => line.blNumber) };
  }

  /** A B/L for a reader: another carrier's line is "not found". */
  async get(blNumber: string, reader: Principal): Promise<BillOfLading> {
    const shipmentId = shipmentIdOf(blNumber);
    const bill = await this.bills.find(shipmentId);
    if (!bill || !mayReadLine(bill, reader)) throw new NotFoundError('bill of lading', shipmentId);
    return bill;
  }

  /**
   * Withdraws a manifest line before its discharge (rules in decideWithdrawal): the owner, or operations
   * resolving a disputed number. BillOfLadingWithdrawn leaves with the write, so the declaration service
   * stops taking declarations for it. Withdrawing a withdrawn line again changes nothing.
   */
  async withdraw(
    blNumber: string,
    who: Principal,
    reason: string,
    correlationId?: string,
  ): Promise<BillOfLading> {
    const shipmentId = shipmentIdOf(blNumber);
    const at = this.clock.now();
    let outcome: Withdrawal | null = null;
    const { current } = await this.bills.modify(shipmentId, (bill) => {
      outcome = decideWithdrawal(bill, who, reason, at);
      if (outcome.kind !== 'withdrawn') return null;
      const withdrawn = this.events.create(
        'BillOfLadingWithdrawn',
        {
          shipmentId,
          blNumber: bill.blNumber,
          vesselCallId: bill.vesselCallId,
          ...(bill.carrierPartyId ? { carrierPartyId: bill.carrierPartyId } : {}),
          withdrawnBy: who.party,
          withdrawnByRole: who.role === 'ops' ? 'ops' : who.role === 'carrier' ? 'carrier' : 'port',
          reason,
          revision: outcome.revision,
        },
        { correlationId, decision: `manifest-line:${shipmentId}:${outcome.revision}` },
      );
      return { change: outcome.change, events: [withdrawn] };
    });
    const decided = outcome as Withdrawal | null;
    if (!current || !decided || decided.kind === 'not-found')
      throw new NotFoundError('bill of lading', shipmentId);
    if (decided.kind === 'refused') throw new DomainError(decided.code, decided.message, HttpStatus.CONFLICT);
    return (await this.bills.find(shipmentId)) ?? current;
  }

  /** Other parties' refused filings of numbers already manifested, for operations to resolve. */
  async listConflicts(query: ListConflictsQuery) {
    const { items, total } = await this.conflicts.list(query);
    return {
      items: items.map(({ _id, ...conflict }) => conflict),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  /** The B/L of the shipment, or null when it was never manifested here. */
  async find(shipmentId: string): Promise<BillOfLading | null> {
    return this.bills.find(shipmentId);
  }

  /** The manifest of a call, in B/L number order. */
  async listOfCall(
    vesselCallId: string,
    query: ListBillsOfLadingQuery,
    reader: Principal,
  ): Promise<{ items: BillOfLading[]; page: number; pageSize: number; total: number }> {
    await this.calls.readable(vesselCallId, reader);
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
