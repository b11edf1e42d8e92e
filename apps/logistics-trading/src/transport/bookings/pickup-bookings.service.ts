import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { EventFactory, OutboxRelay, stableEventId } from '@tongguan/messaging';
import { stageEvents, withState, type OutboxModel } from '@tongguan/persistence';
import { DomainError } from '@tongguan/platform';
import type { FilterQuery, Model } from 'mongoose';
import { isDuplicateKey } from '@tongguan/persistence';
import { TransportOrdersService } from '../orders/transport-orders.service';
import { PickupSlotsService } from '../pickup-slots/pickup-slots.service';
import { isOpenAt, slotHourOf } from '../pickup-slots/slot-hours';
import { TransportQuotesService } from '../quotes/transport-quotes.service';
import type { PickupBookingView } from './pickup-booking.dto';
import { PickupBooking } from './pickup-booking.schema';

const HIDDEN_FIELDS = { outbox: 0, outboxPending: 0 } as const;

function toView(booking: Omit<PickupBooking, 'outbox' | 'outboxPending'>): PickupBookingView {
  const { _id, ...rest } = booking as PickupBooking;
  const { outbox: _outbox, outboxPending: _pending, ...view } = rest;
  return { id: _id, ...view };
}

/**
 * Accepting a quote books the pickup: a place in the terminal hour, the order, the booking with its
 * PickupBooked. Without transactions each step is a conditional single-document write keyed by the
 * booking id (derived from order and quote), so a retried acceptance resumes where one stopped and
 * nothing is taken twice; a full hour answers SLOT_FULL before anything is written.
 */
@Injectable()
export class PickupBookingsService implements OnModuleInit {
  constructor(
    @InjectModel(PickupBooking.name) private readonly bookings: Model<PickupBooking>,
    private readonly orders: TransportOrdersService,
    private readonly quotes: TransportQuotesService,
    private readonly slots: PickupSlotsService,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.bookings as unknown as OutboxModel);
  }

  async accept(
    orderId: string,
    quoteId: string,
    importer: Principal,
    correlationId?: string,
  ): Promise<PickupBookingView> {
    const order = await this.orders.findVisible(orderId, importer);
    const quote = await this.quotes.quoteOf(orderId, quoteId);
    const bookingId = stableEventId(`pickup-booking:${orderId}:${quoteId}`);
    const done = await this.bookings.findById(bookingId, HIDDEN_FIELDS).lean();
    if (done) return toView(done);
    const resuming = order.status === 'booked' && order.bookingId === bookingId;
    if (!resuming && order.status !== 'open') {
      throw conflict('TRANSPORT.ORDER_NOT_OPEN', `transport order ${orderId} is ${order.status}`);
    }
    if (!resuming && quote.status !== 'submitted') {
      throw conflict('TRANSPORT.QUOTE_NOT_OPEN', `quote ${quoteId} is ${quote.status}`);
    }
    const terminal = this.slots.terminal(order.terminal);
    const slot = slotHourOf(terminal, quote.pickupAt);
    if (!resuming && slot.slotEnd.getTime() <= this.clock.nowMs()) {
      throw conflict('TRANSPORT.PICKUP_HOUR_PASSED', `the quoted hour ${slot.local} is over`);
    }
    if (!resuming && !isOpenAt(terminal, slot.slotStart)) {
      throw conflict('TRANSPORT.TERMINAL_CLOSED', `${terminal.id} takes no pickups at ${slot.local}`);
    }
    const slotFull = () =>
      new DomainError(
        'SLOT_FULL',
        `${terminal.id} has no free pickup place at ${slot.local} local time (${terminal.capacityPerHour} an hour)`,
        HttpStatus.CONFLICT,
        [{ path: 'pickupAt', code: 'SLOT_FULL', message: `the hour ${slot.local} is fully booked` }],
      );
    if (!(await this.slots.reserve(terminal, slot, bookingId))) throw slotFull();
    const booked = await this.orders.markBooked(order, { bookingId, quoteId, carrierId: quote.carrierId });
    if (!booked) {
      await this.slots.release(terminal.id, slot.slotStart, bookingId);
      throw conflict(
        'TRANSPORT.ORDER_NOT_OPEN',
        `transport order ${orderId} was booked or cancelled meanwhile`,
      );
    }
    // checked again once the other writers of the hour have landed (see PickupSlotsService.holds)
    if (!(await this.slots.holds(terminal.id, slot.slotStart, bookingId))) {
      await this.orders.reopen(orderId, bookingId);
      throw slotFull();
    }
    const event = this.events.create(
      'PickupBooked',
      {
        shipmentId: order.shipmentId,
        bookingId,
        orderId,
        carrierId: quote.carrierId,
        truckPlate: quote.truckPlate,
        terminal: terminal.id,
        slotStart: slot.slotStart.toISOString(),
        slotEnd: slot.slotEnd.toISOString(),
      },
      { correlationId, decision: `PickupBooked:${bookingId}` },
    );
    const booking: PickupBooking = {
      _id: bookingId,
      orderId,
      quoteId,
      shipmentId: order.shipmentId,
      importerId: order.importerId,
      carrierId: quote.carrierId,
      truckPlate: quote.truckPlate,
      terminal: terminal.id,
      slotStart: slot.slotStart,
      slotEnd: slot.slotEnd,
      priceMinor: quote.priceMinor,
      currency: quote.currency,
      status: 'booked',
      bookedAt: new Date(event.time),
      outbox: [event],
      outboxPending: true,
    };
    // $setOnInsert, not stageEvents: a resumed acceptance must not announce the booking twice
    await this.bookings
      .updateOne({ _id: bookingId }, { $setOnInsert: booking }, { upsert: true })
      .catch((error: unknown) => {
        if (!isDuplicateKey(error)) throw error;
      });
    this.relay.nudge();
    await this.quotes.settle(orderId, quoteId);
    return this.get(bookingId, importer);
  }

  async get(id: string, caller: Principal): Promise<PickupBookingView> {
    return toView(await this.findVisible(id, caller));
  }

  /**
   * Cancels once: PickupCancelled is staged only by the write that changes the status. The place and
   * the order are then freed by writes that are no-ops when repeated, so a retry completes a
   * cancellation that was interrupted and never frees the place twice.
   */
  async cancel(
    id: string,
    reason: string,
    caller: Principal,
    correlationId?: string,
  ): Promise<PickupBookingView> {
    const booking = await this.findVisible(id, caller);
    if (booking.status === 'booked') {
      const event = this.events.create(
        'PickupCancelled',
        { shipmentId: booking.shipmentId, bookingId: id, cancelledBy: caller.party, reason },
        { correlationId, decision: `PickupCancelled:${id}` },
      );
      await this.bookings.updateOne(
        { _id: id, status: 'booked' },
        withState(stageEvents([event]), {
          status: 'cancelled',
          cancelledAt: new Date(event.time),
          cancelledBy: caller.party,
          cancelReason: reason,
        }),
      );
      this.relay.nudge();
    }
    const cancelled = await this.findVisible(id, caller);
    await this.slots.release(cancelled.terminal, cancelled.slotStart, id);
    await this.orders.cancelBooked(cancelled.orderId, id, cancelled.cancelledAt ?? this.clock.now());
    return toView(cancelled);
  }

  /** An importer sees its own bookings, a carrier those of its trucks; others are answered as absent. */
  private async findVisible(id: string, caller: Principal): Promise<PickupBooking> {
    const filter: FilterQuery<PickupBooking> = { _id: id };
    if (caller.role === 'importer') filter.importerId = caller.party;
    if (caller.role === 'carrier') filter.carrierId = caller.party;
    const booking = await this.bookings.findOne(filter, HIDDEN_FIELDS).lean();
    if (!booking) {
      throw new DomainError('TRANSPORT.BOOKING_NOT_FOUND', `booking ${id} not found`, HttpStatus.NOT_FOUND);
    }
    return booking;
  }
}

function conflict(code: string, message: string): DomainError {
  return new DomainError(code, message, HttpStatus.CONFLICT);
}
