import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import type { CloudEvent } from '@tongguan/contracts';
import { EventFactory, OutboxRelay } from '@tongguan/messaging';
import { DomainError, NotFoundError } from '@tongguan/platform';
import { randomUUID } from 'node:crypto';
import type { FilingRight } from '../delegations/delegation-rules';
import { DelegationsService } from '../delegations/delegations.service';
import { GENERAL_TRADE } from '../code-lists/code-lists';
import { directionProblems } from '../exports/export-filing-rules';
import { VAT_REBATES, vatRebateOf, type VatRebateRates } from '../exports/vat-rebates';
import { GreenChannelService } from '../green-channel/green-channel.service';
import { approvalsRequestedOf, ApprovalRouting } from './approval-routing';
import { describeApprovals, isAcceptanceReview, requestedApprovals } from './approvals';
import { assessFiling, groundsOf } from './assessed-filing';
import { DeclarationRepository } from './declaration.repository';
import { type DeclarationStatus, statusCodeOf } from './declaration-status';
import { DeclarationTransitions, dutyAssessedOf } from './declaration-transitions';
import { FilingValidator } from './filing-validator';
import type { ListDeclarationsQuery } from './list-declarations.query';

@Injectable()
export class DeclarationsService implements OnModuleInit {
  constructor(
    private readonly declarations: DeclarationRepository,
    private readonly transitions: DeclarationTransitions,
    private readonly validator: FilingValidator,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
    private readonly delegations: DelegationsService,
    private readonly greenChannel: GreenChannelService,
    private readonly routing: ApprovalRouting,
    @Inject(VAT_REBATES) private readonly vatRebates: VatRebateRates,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.declarations.outboxModel);
  }

  /**
   * Lodges a filing [T1]: the green channel earned from the register, the approvals its routing rules
   * require (ApprovalsRequested, always, so the audit names what was required) and, unless customs'
   * acceptance review is among them, the automatic review's acceptance [T2] with the duty assessed; the
   * events leave with the insert. Only the consignee the manifest names, or a broker it authorised, may
   * lodge (decideFilingRight); the declaration belongs to the consignee (importerId: it pays and
   * collects) and records who filed it.
   */
  async lodge(raw: unknown, filer: Principal, correlationId?: string) {
    // one business instant picks the exchange rates, the register's day and the assessment
    const assessedAt = this.clock.now();
    const isDuplicate = (shipmentId: string) => this.declarations.hasActive(shipmentId);
    let right: FilingRight | undefined;
    const exporting = isExport(raw);
    const rightProblems = async (shipmentId: string) => {
      right = exporting
        ? await this.delegations.exportFilingRight(filer, exporterIdOf(raw))
        : await this.delegations.filingRight(shipmentId, filer.party);
      return right.kind === 'refused' ? [right.problem] : [];
    };
    const filing = await this.validator.validate(raw, isDuplicate, assessedAt, rightProblems, (dto) =>
      directionProblems(dto, filer),
    );
    const granted = right as FilingRight | undefined;
    if (granted?.kind !== 'allowed') throw new Error('a valid filing always has its filing right decided');
    const owner = granted.ownerPartyId;
    const { aeoTraderId, majorProjectCode } = filing;
    const earned = await this.greenChannel.earned(
      { importerId: owner, aeoTraderId, majorProjectCode },
      assessedAt,
    );
    const { greenChannel } = earned;
    const id = randomUUID();
    const {
      shipmentId,
      duty,
      accepted: dataSet,
    } = assessFiling(filing, this.validator.dutyData, assessedAt, earned);
    const exportDeclaration = exporting
      ? {
          direction: 'export' as const,
          vatRebate: vatRebateOf(filing.items, this.vatRebates),
          goodsAtPort: false,
        }
      : {};
    const tradeMode = filing.tradeMode ?? GENERAL_TRADE;
    const required = this.routing.required(filing, earned.traderStatus);
    const exportFacts = exporting
      ? { direction: 'export' as const, vatRebate: exportDeclaration.vatRebate?.eligible ?? false }
      : {};
    const reviewed = required.some(isAcceptanceReview);
    const base = { shipmentId, declarationId: id, importerId: owner };
    const lodged = this.events.create(
      'DeclarationLodged',
      { ...base, filerId: filer.party, greenChannel, ...(exporting ? { direction: 'export' as const } : {}) },
      { correlationId },
    );
    const causedBy = { causedBy: lodged };
    const requested = this.events.create(
      'ApprovalsRequested',
      approvalsRequestedOf({ ...base, tradeMode }, 1, dataSet, required),
      causedBy,
    );
    const events: CloudEvent[] = [lodged, requested];
    if (!reviewed) {
      events.push(
        this.events.create('DeclarationAccepted', { ...base, ...dataSet, ...exportFacts }, causedBy),
      );
      events.push(
        this.events.create('DutyAssessed', dutyAssessedOf({ _id: id, ...base, version: 1, duty }), causedBy),
      );
    }
    const at = new Date(lodged.time);
    const approvals = requestedApprovals(required, 1, new Date(requested.time));
    const status: DeclarationStatus = reviewed ? 'received' : 'accepted';
    const history = (reason: string, by = 'customs') => ({ status: 'received' as const, at, by, reason });
    const declaration = {
      _id: id,
      shipmentId,
      importerId: owner,
      filerId: filer.party,
      status,
      statusHistory: [
        history(
          granted.asBroker
            ? `lodged by the broker ${filer.party} for the ${exporting ? 'exporter' : 'consignee'} ${owner}`
            : exporting
              ? 'export declaration lodged by the exporter'
              : 'lodged by the consignee',
          filer.party,
        ),
        ...earned.notes.map((note) => history(note)),
        ...(required.length > 0 ? [history(`approvals requested: ${describeApprovals(required)}`)] : []),
        reviewed
          ? history("customs' acceptance review by an officer before acceptance")
          : {
              status: 'accepted' as const,
              at,
              by: 'customs',
              reason: 'automatic review: complete filing; duty assessed',
            },
      ],
      filing: { ...filing },
      ...exportDeclaration,
      tradeMode,
      greenChannel,
      greenChannelGrounds: groundsOf(earned),
      traderStatus: earned.traderStatus,
      approvals,
      duty,
      version: 1,
      versions: [],
      inspectionCleared: false,
      paid: false,
      settlements: [],
      noticePending: false,
      noticesAnswered: 0,
    };
    if (!(await this.declarations.lodge(declaration, events))) {
      // another lodgement for this B/L won the race after the validator's check
      throw this.validator.duplicate(shipmentId);
    }
    return {
      id,
      shipmentId,
      status,
      statusCode: statusCodeOf(status),
      tradeMode,
      greenChannel,
      greenChannelNotes: earned.notes,
      approvals: approvals.map(({ agency, step, status: approval }) => ({ agency, step, status: approval })),
      duty,
      ...(exporting ? { direction: 'export' as const, vatRebate: exportDeclaration.vatRebate } : {}),
    };
  }

  /**
   * The consignee (or the broker that filed it) withdraws the filing before release: cancelled, and the
   * agencies drop their open work.
   */
  async withdraw(id: string, importer: Principal, reason: string, correlationId?: string) {
    const declaration = await this.declarations.findVisible(id, importer.party);
    if (!declaration) throw new NotFoundError('declaration', id);
    const withdrawn = this.events.create(
      'DeclarationWithdrawn',
      { shipmentId: declaration.shipmentId, declarationId: id, importerId: declaration.importerId, reason },
      { correlationId },
    );
    const fact = { kind: 'withdrawn' as const, by: importer.party, reason };
    const applied = await this.transitions.apply(id, fact, withdrawn, [withdrawn]);
    if (!applied) {
      const current = await this.declarations.findById(id, { status: 1 });
      throw new DomainError(
        'DECLARATION.NOT_WITHDRAWABLE',
        `a ${current?.status ?? 'removed'} declaration cannot be withdrawn`,
      );
    }
    const status: DeclarationStatus = 'cancelled';
    return { id, shipmentId: declaration.shipmentId, status, statusCode: statusCodeOf(status) };
  }

  /**
   * An importer sees only the declarations it owns (the consignee) or filed (its broker); anyone else's is
   * "not found", not "forbidden".
   */
  async get(id: string, reader: Principal) {
    const declaration = await this.declarations.findVisible(id, importerOf(reader));
    if (!declaration) throw new NotFoundError('declaration', id);
    return viewOf(declaration);
  }

  async list(query: ListDeclarationsQuery, reader: Principal) {
    const party = importerOf(reader);
    // an importer lists what it owns, or (a broker) what it filed; the agencies list every declaration
    const scope = party ? (query.as === 'filer' ? { filerId: party } : { importerId: party }) : {};
    const criteria = {
      ...scope,
      ...(query.shipmentId ? { shipmentId: query.shipmentId } : {}),
      ...(query.status ? { status: query.status } : {}),
    };
    const { items, total } = await this.declarations.list(criteria, query.page, query.pageSize);
    return {
      items: items.map(viewOf),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}

/** A declaration as the API shows it: each status with its two-digit code, no storage fields. */
function viewOf<
  D extends { _id: string; status: DeclarationStatus; statusHistory?: { status: DeclarationStatus }[] },
>(d: D) {
  const statusHistory = d.statusHistory?.map((change) => ({
    ...change,
    statusCode: statusCodeOf(change.status),
  }));
  return {
    id: d._id,
    ...d,
    statusCode: statusCodeOf(d.status),
    ...(statusHistory ? { statusHistory } : {}),
    _id: undefined,
    revision: undefined,
  };
}

/** A trader (importer, exporter, broker) reads only its own declarations; the agencies read all. */
function importerOf(reader: Principal): string | undefined {
  return reader.role === 'importer' || reader.role === 'exporter' ? reader.party : undefined;
}

/** Read before validation, to pick the filing-right rule: a malformed direction is reported by the DTO's rules. */
function isExport(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && (raw as { direction?: unknown }).direction === 'export';
}

function exporterIdOf(raw: unknown): string | undefined {
  const id = (raw as { exporterId?: unknown }).exporterId;
  return typeof id === 'string' ? id : undefined;
}
