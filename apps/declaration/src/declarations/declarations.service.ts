import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { EventFactory, OutboxRelay } from '@tongguan/messaging';
import { DomainError, NotFoundError } from '@tongguan/platform';
import { randomUUID } from 'node:crypto';
import { assessFiling } from './assessed-filing';
import { DeclarationRepository } from './declaration.repository';
import { type DeclarationStatus } from './declaration-status';
import { DeclarationTransitions } from './declaration-transitions';
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
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.declarations.outboxModel);
  }

  /** Lodges and (all rules met) accepts a filing, assessing duty; the three events leave with the insert. */
  async lodge(raw: unknown, importer: Principal, correlationId?: string) {
    // one business instant picks the exchange rates for both the filing check and the assessment
    const assessedAt = this.clock.now();
    const isDuplicate = (shipmentId: string) => this.declarations.hasActive(shipmentId);
    const filing = await this.validator.validate(raw, isDuplicate, assessedAt);
    const id = randomUUID();
    const { tariff, rates } = this.validator;
    const {
      shipmentId,
      greenChannel,
      duty,
      accepted: dataSet,
    } = assessFiling(filing, tariff, rates, assessedAt);
    const base = { shipmentId, declarationId: id, importerId: importer.party };
    const lodged = this.events.create('DeclarationLodged', { ...base, greenChannel }, { correlationId });
    const causedBy = { causedBy: lodged };
    const accepted = this.events.create('DeclarationAccepted', { ...base, ...dataSet }, causedBy);
    const assessed = this.events.create(
      'DutyAssessed',
      {
        ...base,
        currency: duty.currency,
        dutyMinor: duty.dutyMinor,
        vatMinor: duty.vatMinor,
        totalMinor: duty.totalMinor,
      },
      causedBy,
    );
    const at = new Date(lodged.time);
    const by = importer.party;
    const declaration = {
      _id: id,
      shipmentId,
      importerId: importer.party,
      status: 'accepted' as const,
      statusHistory: [
        { status: 'received' as const, at, by, reason: 'lodged by the importer' },
        { status: 'accepted' as const, at, by: 'customs', reason: 'complete filing; duty assessed' },
      ],
      filing: { ...filing },
      greenChannel,
      duty,
      version: 1,
      versions: [],
      inspectionCleared: false,
      paid: false,
      noticePending: false,
      noticesAnswered: 0,
    };
    if (!(await this.declarations.lodge(declaration, [lodged, accepted, assessed]))) {
      // another lodgement for this B/L won the race after the validator's check
      throw this.validator.duplicate(shipmentId);
    }
    return { id, shipmentId, status: 'accepted' as DeclarationStatus, greenChannel, duty };
  }

  /** The importer withdraws its filing before release: cancelled, and the agencies drop their open work. */
  async withdraw(id: string, importer: Principal, reason: string, correlationId?: string) {
    const declaration = await this.declarations.findById(id, { importerId: 1, shipmentId: 1 });
    if (!declaration || declaration.importerId !== importer.party) throw new NotFoundError('declaration', id);
    const withdrawn = this.events.create(
      'DeclarationWithdrawn',
      { shipmentId: declaration.shipmentId, declarationId: id, importerId: importer.party, reason },
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
    return { id, shipmentId: declaration.shipmentId, status: 'cancelled' as DeclarationStatus };
  }

  /** An importer sees only its own filings; anyone else's is "not found", not "forbidden". */
  async get(id: string, reader: Principal) {
    const declaration = await this.declarations.findVisible(id, importerOf(reader));
    if (!declaration) throw new NotFoundError('declaration', id);
    return { id: declaration._id, ...declaration, _id: undefined, revision: undefined };
  }

  async list(query: ListDeclarationsQuery, reader: Principal) {
    const importerId = importerOf(reader);
    const criteria = {
      ...(importerId ? { importerId } : {}),
      ...(query.shipmentId ? { shipmentId: query.shipmentId } : {}),
      ...(query.status ? { status: query.status } : {}),
    };
    const { items, total } = await this.declarations.list(criteria, query.page, query.pageSize);
    return {
      items: items.map((d) => ({ id: d._id, ...d, _id: undefined, revision: undefined })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}

/** An importer reads only its own declarations; the agencies read all. */
function importerOf(reader: Principal): string | undefined {
  return reader.role === 'importer' ? reader.party : undefined;
}
