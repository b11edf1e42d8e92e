import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { EventFactory, OutboxRelay, stableEventId } from '@tongguan/messaging';
import { DomainError } from '@tongguan/platform';
import { TransportOrdersService } from '../orders/transport-orders.service';
import { PickupSlotsService } from '../pickup-slots/pickup-slots.service';
import { slotHourOf } from '../pickup-slots/slot-hours';
import { TransportQuotesService } from '../quotes/transport-quotes.service';
import type { PickupBookingView } from './pickup-booking.dto';
import { acceptanceRefusal, cancellation, conflict, slotFull, visibleTo } from './pickup-booking-rules';
import type { PickupBooking } from './pickup-booking.schema';
import { PickupBookingRepository } from './pickup-booking.repository';

function toView(booking: PickupBooking): PickupBookingView {
  const { _id, outbox: _outbox, outboxPending: _pending, revision: _revision, ...view } = booking;
  return { id: _id, ...view };
}

/**
 * Accepting a quote books the pickup: a place in the terminal hour, the order, the booking with its
 * PickupBooked. Without transactions each step is a conditional single-document write keyed by the
 * booking id (derived from order and quote), so a retried acceptance resumes where one stopped and
 * nothing is taken twice; a full hour answers SLOT_FULL before anything else is written.
 */
@Injectable()
export class PickupBookingsService implements OnModuleInit {
  constructor(
    private readonly bookings: PickupBookingRepository,
    private readonly orders: TransportOrdersService,
    private readonly quotes: TransportQuotesService,
    private readonly slots: PickupSlotsService,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.bookings.outboxModel);
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
    const done = await this.bookings.findShown(bookingId);
    if (done) return toView(done);
    const terminal = this.slots.terminal(order.terminal);
    const slot = slotHourOf(terminal, quote.pickupAt);
    const refusal = acceptanceRefusal({ order, quote, bookingId, terminal, slot, now: this.clock.now() });
    if (refusal) throw refusal;
    if (!(await this.slots.reserve(terminal, slot, bookingId))) throw slotFull(terminal, slot);
    const { carrierId, truckPlate } = quote;
    const booked = await this.orders.markBooked(orderId, { bookingId, quoteId, carrierId });
    if (!booked.booked) {
      await this.slots.release(terminal.id, slot.slotStart, bookingId);
      throw conflict(
        'TRANSPORT.ORDER_NOT_OPEN',
        `transport order ${orderId} was booked or cancelled meanwhile`,
      );
    }
    const event = this.events.create(
      'PickupBooked',
      {
        shipmentId: order.shipmentId,
        bookingId,
        orderId,
        carrierId,
        truckPlate,
        terminal: terminal.id,
        slotStart: slot.slotStart.toISOString(),
        slotEnd: slot.slotEnd.toISOString(),
      },
      { correlationId, decision: `PickupBooked:${bookingId}` },
    );
    const booking = {
      _id: bookingId,
      orderId,
      quoteId,
      shipmentId: order.shipmentId,
      importerId: order.importerId,
      carrierId,
      truckPlate,
      terminal: terminal.id,
      slotStart: slot.slotStart,
      slotEnd: slot.slotEnd,
      priceMinor: quote.priceMinor,
      currency: quote.currency,
      status: 'booked' as const,
      bookedAt: new Date(event.time),
    };
    await this.bookings.book(booking, [event]);
    await this.quotes.settle(quoteId, booked.order?.quoteIds ?? []);
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
    const event = this.events.create(
      'PickupCancelled',
      { shipmentId: booking.shipmentId, bookingId: id, cancelledBy: caller.party, reason },
      { correlationId, decision: `PickupCancelled:${id}` },
    );
    const change = cancellation(booking, caller.party, reason, new Date(event.time));
    if (change) await this.bookings.cancel(id, change, [event]);
    const cancelled = await this.findVisible(id, caller);
    await this.slots.release(cancelled.terminal, cancelled.slotStart, id);
    await this.orders.cancelBooked(cancelled.orderId, id, cancelled.cancelledAt ?? this.clock.now());
    return toView(cancelled);
  }

  /** An importer sees its own bookings, a carrier those of its trucks; others are answered as absent. */
  private async findVisible(id: string, caller: Principal): Promise<PickupBooking> {
    const booking = await this.bookings.findShown(id);
    if (!booking || !visibleTo(booking, caller)) {
      throw new DomainError('TRANSPORT.BOOKING_NOT_FOUND', `booking ${id} not found`, HttpStatus.NOT_FOUND);
    }
    return booking;
  }
}
