import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { DomainError } from '@tongguan/platform';
import type { FilterQuery, Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import type { TransportOrder } from '../orders/transport-order.schema';
import { TransportOrdersService } from '../orders/transport-orders.service';
import { PickupSlotsService } from '../pickup-slots/pickup-slots.service';
import { pickupHourFor } from './pickup-hour';
import type { SubmitQuoteDto, TransportQuoteView } from './transport-quote.dto';
import { TransportQuote } from './transport-quote.schema';

export function toQuoteView(quote: TransportQuote): TransportQuoteView {
  const { _id, ...rest } = quote;
  return { id: _id, ...rest };
}

@Injectable()
export class TransportQuotesService {
  constructor(
    @InjectModel(TransportQuote.name) private readonly quotes: Model<TransportQuote>,
    private readonly orders: TransportOrdersService,
    private readonly slots: PickupSlotsService,
    private readonly clock: Clock,
  ) {}

  /** A carrier quotes on an open order, for an hour the terminal is open. */
  async submit(orderId: string, dto: SubmitQuoteDto, carrier: Principal): Promise<TransportQuoteView> {
    const order = await this.orders.findVisible(orderId, carrier);
    assertOpen(order);
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
    await this.quotes.create(quote);
    // the order may have been booked meanwhile: a quote that came too late is declined at once
    const status = await this.orders.statusOf(orderId);
    if (status !== 'open') {
      await this.quotes.updateOne({ _id: quote._id, status: 'submitted' }, { $set: { status: 'declined' } });
      assertOpen({ _id: orderId, status: status ?? 'cancelled' });
    }
    return toQuoteView(quote);
  }

  /** The importer sees every quote on its order; a carrier only its own. */
  async list(orderId: string, caller: Principal): Promise<TransportQuoteView[]> {
    await this.orders.findVisible(orderId, caller);
    const filter: FilterQuery<TransportQuote> = { orderId };
    if (caller.role === 'carrier') filter.carrierId = caller.party;
    const quotes = await this.quotes.find(filter).sort({ submittedAt: 1, _id: 1 }).limit(500).lean();
    return quotes.map(toQuoteView);
  }

  async quoteOf(orderId: string, quoteId: string): Promise<TransportQuote> {
    const quote = await this.quotes.findOne({ _id: quoteId, orderId }).lean();
    if (!quote) {
      throw new DomainError('TRANSPORT.QUOTE_NOT_FOUND', `quote ${quoteId} not found`, HttpStatus.NOT_FOUND);
    }
    return quote;
  }

  /** The accepted quote wins; every other quote on the order is declined. */
  async settle(orderId: string, acceptedQuoteId: string): Promise<void> {
    await this.quotes.updateOne({ _id: acceptedQuoteId }, { $set: { status: 'accepted' } });
    await this.quotes.updateMany(
      { orderId, status: 'submitted', _id: { $ne: acceptedQuoteId } },
      { $set: { status: 'declined' } },
    );
  }
}

function assertOpen(order: Pick<TransportOrder, '_id' | 'status'>): void {
  if (order.status !== 'open') {
    throw new DomainError(
      'TRANSPORT.ORDER_NOT_OPEN',
      `transport order ${order._id} is ${order.status}: it takes no more quotes`,
      HttpStatus.CONFLICT,
    );
  }
}
