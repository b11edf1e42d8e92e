import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { AgencyRegistry } from '@tongguan/agencies';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { shipmentIdOf, type CloudEvent } from '@tongguan/contracts';
import { EventFactory, OutboxRelay, stableEventId, type IncomingEvent } from '@tongguan/messaging';
import { DomainError } from '@tongguan/platform';
import { randomUUID } from 'node:crypto';
import type { CustomsHoldPage, CustomsHoldView, ListHoldsQuery, PlaceHoldDto } from './customs-hold.dto';
import { activeHolds, decideLift, holdOverdue, holdReview } from './customs-hold-rules';
import type { CustomsHold } from './customs-hold.schema';
import { CustomsHoldRepository } from './customs-hold.repository';
import type { Unsaved } from '@tongguan/persistence';

const MAX_REASON = 500;

type StoredHold = Unsaved<CustomsHold> & Partial<Pick<CustomsHold, 'revision' | 'outbox' | 'outboxPending'>>;

/** The hold as people see it, with whether its review is overdue at `now`. */
function toView(hold: StoredHold, now: Date): CustomsHoldView {
  const { _id, outbox: _outbox, outboxPending: _pending, revision: _revision, ...rest } = hold;
  return { id: _id, ...rest, overdue: holdOverdue(hold, now) };
}

@Injectable()
export class CustomsHoldsService implements OnModuleInit {
  constructor(
    private readonly holds: CustomsHoldRepository,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
    private readonly registry: AgencyRegistry,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.holds.outboxModel);
  }

  async place(dto: PlaceHoldDto, officer: Principal, correlationId?: string): Promise<CustomsHoldView> {
    const shipmentId = shipmentIdOf(dto.blNumber);
    const holdId = randomUUID();
    const event = this.events.create(
      'CustomsHoldPlaced',
      { shipmentId, holdId, placedBy: officer.party, reason: dto.reason },
      { correlationId },
    );
    const hold = this.hold(holdId, shipmentId, officer.party, dto.reason, event);
    await this.holds.place(hold, [event]);
    return toView(hold, hold.placedAt);
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
    // false on a redelivery: the hold with this id is on record already
    await this.holds.place(this.hold(holdId, shipmentId, 'customs', reason, event), [event]);
  }

  /** Lifts an active hold once (customs-hold-rules): load, decide, save guarded by the revision. */
  async lift(
    id: string,
    reason: string,
    officer: Principal,
    correlationId?: string,
  ): Promise<CustomsHoldView> {
    const { current, applied } = await this.holds.modify(id, (hold) => {
      const event = this.events.create(
        'CustomsHoldLifted',
        { shipmentId: hold.shipmentId, holdId: id, liftedBy: officer.party, reason },
        { correlationId },
      );
      const change = decideLift(hold, { by: officer.party, reason, at: new Date(event.time) }, this.registry);
      return change && { change, events: [event] };
    });
    if (!current) throw notFound(id);
    if (!applied) throw notActive(id);
    return toView(await this.find(id), this.clock.now());
  }

  async list(query: ListHoldsQuery): Promise<CustomsHoldPage> {
    const shipmentId = query.blNumber ? shipmentIdOf(query.blNumber) : undefined;
    const now = this.clock.now();
    const { items, total } = await this.holds.list(query, now, shipmentId);
    return { items: items.map((h) => toView(h, now)), page: query.page, pageSize: query.pageSize, total };
  }

  /** The holds that keep the shipment's cargo at the terminal (the gate asks, by shipment). */
  async activeFor(shipmentId: string): Promise<{ id: string; reason: string }[]> {
    return activeHolds(await this.holds.ofShipment(shipmentId));
  }

  private hold(
    holdId: string,
    shipmentId: string,
    placedBy: string,
    reason: string,
    event: CloudEvent,
  ): StoredHold {
    const placedAt = new Date(event.time);
    const review = holdReview(this.registry, placedAt);
    return { _id: holdId, shipmentId, status: 'active', placedBy, reason, placedAt, ...review };
  }

  private async find(id: string): Promise<CustomsHold> {
    const hold = await this.holds.find(id);
    if (!hold) throw notFound(id);
    return hold;
  }
}

function notFound(id: string): DomainError {
  return new DomainError('HOLD.NOT_FOUND', `customs hold ${id} not found`, HttpStatus.NOT_FOUND);
}

function notActive(id: string): DomainError {
  return new DomainError('HOLD.NOT_ACTIVE', `customs hold ${id} was lifted already`, HttpStatus.CONFLICT);
}
