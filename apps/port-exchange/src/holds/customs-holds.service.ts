import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Principal } from '@tongguan/auth';
import { shipmentIdOf } from '@tongguan/contracts';
import { EventFactory, OutboxRelay, stableEventId, type IncomingEvent } from '@tongguan/messaging';
import { stageEvents, withState, type OutboxModel } from '@tongguan/persistence';
import { DomainError } from '@tongguan/platform';
import type { FilterQuery, Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import type { CustomsHoldPage, CustomsHoldView, ListHoldsQuery, PlaceHoldDto } from './customs-hold.dto';
import { CustomsHold } from './customs-hold.schema';

const HIDDEN_FIELDS = { outbox: 0, outboxPending: 0 } as const;
const MAX_REASON = 500;

function toView(hold: CustomsHold): CustomsHoldView {
  const { _id, outbox: _outbox, outboxPending: _pending, ...rest } = hold;
  return { id: _id, ...rest };
}

@Injectable()
export class CustomsHoldsService implements OnModuleInit {
  constructor(
    @InjectModel(CustomsHold.name) private readonly holds: Model<CustomsHold>,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.holds as unknown as OutboxModel);
  }

  async place(dto: PlaceHoldDto, officer: Principal, correlationId?: string): Promise<CustomsHoldView> {
    const shipmentId = shipmentIdOf(dto.blNumber);
    const holdId = randomUUID();
    const event = this.events.create(
      'CustomsHoldPlaced',
      { shipmentId, holdId, placedBy: officer.party, reason: dto.reason },
      { correlationId },
    );
    const hold: CustomsHold = {
      _id: holdId,
      shipmentId,
      status: 'active',
      placedBy: officer.party,
      reason: dto.reason,
      placedAt: new Date(event.time),
      outbox: [event],
      outboxPending: true,
    };
    await this.holds.create(hold);
    this.relay.nudge();
    return toView(hold);
  }

  /**
   * Customs refused release: the platform holds the cargo itself, so the gate stays shut whatever
   * else happens, until an officer lifts it. One hold per refused declaration, however often redelivered.
   */
  async holdRefusedRelease(refused: IncomingEvent<'ReleaseRefused'>): Promise<void> {
    const { shipmentId, declarationId, reasons } = refused.payload;
    const holdId = stableEventId(`hold:release-refused:${declarationId}`);
    const reason = `release refused: ${reasons.join('; ')}`.slice(0, MAX_REASON);
    const event = this.events.create(
      'CustomsHoldPlaced',
      { shipmentId, holdId, placedBy: 'customs', reason },
      { causedBy: refused, decision: `CustomsHoldPlaced:${holdId}` },
    );
    const hold: CustomsHold = {
      _id: holdId,
      shipmentId,
      status: 'active',
      placedBy: 'customs',
      reason,
      placedAt: new Date(event.time),
      outbox: [event],
      outboxPending: true,
    };
    const placed = await this.holds
      .updateOne({ _id: holdId }, { $setOnInsert: hold }, { upsert: true })
      .then((result) => result.upsertedCount === 1)
      .catch((error: { code?: number }) => (error.code === 11000 ? false : Promise.reject(error)));
    if (placed) this.relay.nudge();
  }

  /** Lifts an active hold once; lifting it again is refused, so each lift is one decision on record. */
  async lift(
    id: string,
    reason: string,
    officer: Principal,
    correlationId?: string,
  ): Promise<CustomsHoldView> {
    const hold = await this.find(id);
    if (hold.status !== 'active') throw notActive(id);
    const event = this.events.create(
      'CustomsHoldLifted',
      { shipmentId: hold.shipmentId, holdId: id, liftedBy: officer.party, reason },
      { correlationId },
    );
    const lifted = await this.holds.updateOne(
      { _id: id, status: 'active' },
      withState(stageEvents([event]), {
        status: 'lifted',
        liftedBy: officer.party,
        liftReason: reason,
        liftedAt: new Date(event.time),
      }),
    );
    if (lifted.modifiedCount !== 1) throw notActive(id);
    this.relay.nudge();
    return toView(await this.find(id));
  }

  async list(query: ListHoldsQuery): Promise<CustomsHoldPage> {
    const filter: FilterQuery<CustomsHold> = {};
    if (query.blNumber) filter.shipmentId = shipmentIdOf(query.blNumber);
    if (query.status) filter.status = query.status;
    const [items, total] = await Promise.all([
      this.holds
        .find(filter, HIDDEN_FIELDS)
        .sort({ placedAt: -1, _id: 1 })
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .lean(),
      this.holds.countDocuments(filter),
    ]);
    return { items: items.map(toView), page: query.page, pageSize: query.pageSize, total };
  }

  async activeFor(shipmentId: string): Promise<{ id: string; reason: string }[]> {
    const active = await this.holds.find({ shipmentId, status: 'active' }, { reason: 1 }).limit(100).lean();
    return active.map((h) => ({ id: h._id, reason: h.reason }));
  }

  private async find(id: string): Promise<CustomsHold> {
    const hold = await this.holds.findById(id, HIDDEN_FIELDS).lean();
    if (!hold) throw new DomainError('HOLD.NOT_FOUND', `customs hold ${id} not found`, HttpStatus.NOT_FOUND);
    return hold;
  }
}

function notActive(id: string): DomainError {
  return new DomainError('HOLD.NOT_ACTIVE', `customs hold ${id} was lifted already`, HttpStatus.CONFLICT);
}
