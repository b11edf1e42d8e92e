import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { EventFactory, OutboxRelay } from '@tongguan/messaging';
import { stageEvents, withState, type OutboxModel } from '@tongguan/persistence';
import { DomainError, NotFoundError } from '@tongguan/platform';
import type { FilterQuery, Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { assessFiling } from './assessed-filing';
import { Declaration } from './declaration.schema';
import { ACTIVE, RELEASABLE, type DeclarationStatus } from './declaration-status';
import { FilingValidator } from './filing-validator';
import type { ListDeclarationsQuery } from './list-declarations.query';

const HIDDEN = { outbox: 0, outboxPending: 0 } as const;

@Injectable()
export class DeclarationsService implements OnModuleInit {
  constructor(
    @InjectModel(Declaration.name) private readonly declarations: Model<Declaration>,
    private readonly validator: FilingValidator,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.declarations as unknown as OutboxModel);
  }

  /** Lodges and (all rules met) accepts a filing, assessing duty; the three events leave with the insert. */
  async lodge(raw: unknown, importer: Principal, correlationId?: string) {
    // one business instant picks the exchange rates for both the filing check and the assessment
    const assessedAt = this.clock.now();
    const filing = await this.validator.validate(raw, (shipmentId) => this.isActive(shipmentId), assessedAt);
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
    await this.declarations.create({
      _id: id,
      shipmentId,
      importerId: importer.party,
      status: 'accepted',
      statusHistory: [
        { status: 'received', at, by, reason: 'lodged by the importer' },
        { status: 'accepted', at, by: 'customs', reason: 'complete filing; duty assessed' },
      ],
      filing: { ...filing },
      greenChannel,
      duty,
      outbox: [lodged, accepted, assessed],
      outboxPending: true,
    });
    this.relay.nudge();
    return { id, shipmentId, status: 'accepted' as DeclarationStatus, greenChannel, duty };
  }

  /** The importer withdraws its filing before release: cancelled, and the agencies drop their open work. */
  async withdraw(id: string, importer: Principal, reason: string, correlationId?: string) {
    const declaration = await this.declarations
      .findOne({ _id: id, importerId: importer.party }, { status: 1, shipmentId: 1 })
      .lean();
    if (!declaration) throw new NotFoundError('declaration', id);
    if (!RELEASABLE.includes(declaration.status)) {
      throw new DomainError(
        'DECLARATION.NOT_WITHDRAWABLE',
        `a ${declaration.status} declaration cannot be withdrawn`,
      );
    }
    const event = this.events.create(
      'DeclarationWithdrawn',
      { shipmentId: declaration.shipmentId, declarationId: id, importerId: importer.party, reason },
      { correlationId },
    );
    const change = { status: 'cancelled', at: new Date(event.time), by: importer.party, reason };
    const updated = await this.declarations.updateOne(
      { _id: id, status: declaration.status },
      withState(stageEvents([event]), { status: 'cancelled' }, { statusHistory: change }),
    );
    if (updated.modifiedCount !== 1) {
      throw new DomainError(
        'DECLARATION.CHANGED',
        'the declaration changed meanwhile; read it and try again',
      );
    }
    this.relay.nudge();
    return { id, shipmentId: declaration.shipmentId, status: 'cancelled' as DeclarationStatus };
  }

  /** An importer sees only its own filings; anyone else's is "not found", not "forbidden". */
  async get(id: string, reader: Principal) {
    const declaration = await this.declarations
      .findOne({ _id: id, ...this.visibleTo(reader) }, HIDDEN)
      .lean();
    if (!declaration) throw new NotFoundError('declaration', id);
    return { id: declaration._id, ...declaration, _id: undefined };
  }

  async list(query: ListDeclarationsQuery, reader: Principal) {
    const filter: FilterQuery<Declaration> = { ...this.visibleTo(reader) };
    if (query.shipmentId) filter.shipmentId = query.shipmentId;
    if (query.status) filter.status = query.status;
    const [items, total] = await Promise.all([
      this.declarations
        .find(filter, { ...HIDDEN, filing: 0, statusHistory: 0 })
        .sort({ createdAt: -1 })
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .lean(),
      this.declarations.countDocuments(filter),
    ]);
    return {
      items: items.map((d) => ({ id: d._id, ...d, _id: undefined })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  private visibleTo(reader: Principal): FilterQuery<Declaration> {
    return reader.role === 'importer' ? { importerId: reader.party } : {};
  }

  private async isActive(shipmentId: string): Promise<boolean> {
    return (await this.declarations.exists({ shipmentId, status: { $in: ACTIVE } })) !== null;
  }
}
