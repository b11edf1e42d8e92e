import { HttpStatus, Injectable } from '@nestjs/common';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { DomainError } from '@tongguan/platform';
import { randomUUID } from 'node:crypto';
import { notOpen } from '../orders/transport-order-rules';
import type { OrderStatus as TransportOrderStatus } from '../orders/transport-order.schema';
import { TransportOrdersService } from '../orders/transport-orders.service';
import { PickupSlotsService } from '../pickup-slots/pickup-slots.service';
import { pickupHourFor } from './pickup-hour';
import type { SubmitQuoteDto, TransportQuoteView } from './transport-quote.dto';
import type { TransportQuote } from './transport-quote.schema';
import { TransportQuoteRepository } from './transport-quote.repository';

export function toQuoteView(quote: TransportQuote): TransportQuoteView {
  const { _id, revision: _revision, ...rest } = quote;
  return { id: _id, ...rest };
}

@Injectable()
export class TransportQuotesService {
  constructor(
    private readonly quotes: TransportQuoteRepository,
    private readonly orders: TransportOrdersService,
    private readonly slots: PickupSlotsService,
    private readonly clock: Clock,
  ) {}

  /** A carrier quotes on an open order, for an hour the terminal is open. */
  async submit(orderId: string, dto: SubmitQuoteDto, carrier: Principal): Promise<TransportQuoteView> {
    const order = await this.orders.findVisible(orderId, carrier);
    assertOpen(orderId, order.status);
    const now = this.clock.now();
    const { slot, problems } = pickupHourFor(
      this.slots.terminal(order.terminal),
      new Date(dto.pickupAt),
      now,
      order.earliestPickup,
    );
    if (problems.length > 0) {
      throw new DomainError(
        'TRANSPORT.PICKUP_HOUR_INVALID',
        'the pickup hour cannot be booked',
        HttpStatus.UNPROCESSABLE_ENTITY,
        problems,
      );
    }
    const quote: TransportQuote = {
      _id: randomUUID(),
      orderId,
      shipmentId: order.shipmentId,
      carrierId: carrier.party,
      priceMinor: dto.priceMinor,
      currency: dto.currency,
      truckPlate: dto.truckPlate.trim(),
      pickupAt: slot.slotStart,
      status: 'submitted',
      submittedAt: now,
    };
    await this.quotes.submit(quote);
    // the order may have been booked meanwhile: a quote that came too late is declined at once
    if (!(await this.orders.takeQuote(orderId, quote._id))) {
      await this.quotes.decline([quote._id]);
      assertOpen(orderId, (await this.orders.statusOf(orderId)) ?? 'cancelled');
      throw new Error(`transport order ${orderId} turned a quote away while open`);
    }
    return toQuoteView(quote);
  }

  /** The importer sees every quote on its order; a carrier only its own. */
  async list(orderId: string, caller: Principal): Promise<TransportQuoteView[]> {
    await this.orders.findVisible(orderId, caller);
    const quotes = await this.quotes.onOrder(orderId, caller.role === 'carrier' ? caller.party : undefined);
    return quotes.map(toQuoteView);
  }

  async quoteOf(orderId: string, quoteId: string): Promise<TransportQuote> {
    const quote = await this.quotes.findById(quoteId);
    if (quote?.orderId !== orderId) {
      throw new DomainError('TRANSPORT.QUOTE_NOT_FOUND', `quote ${quoteId} not found`, HttpStatus.NOT_FOUND);
    }
    return quote;
  }

  /** The accepted quote wins; every other quote the order took is declined. */
  async settle(acceptedQuoteId: string, quoteIdsOfOrder: string[]): Promise<void> {
    await this.quotes.accept(acceptedQuoteId);
    await this.quotes.decline(quoteIdsOfOrder.filter((id) => id !== acceptedQuoteId));
  }
}

function assertOpen(orderId: string, status: TransportOrderStatus): void {
  const refusal = notOpen(orderId, status);
  if (refusal) throw refusal;
}
