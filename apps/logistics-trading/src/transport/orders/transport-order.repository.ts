import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateRepository } from '@tongguan/persistence';
import type { FilterQuery, Model } from 'mongoose';
import { booking, bookingCancelled, type OrderBooking } from './transport-order-rules';
import { TransportOrder, type OrderStatus } from './transport-order.schema';

/** Who may see which orders in a list: an importer's own, a carrier's open and booked ones. */
export interface OrderVisibility {
  importerId?: string;
  carrierId?: string;
}

/**
 * Loads and saves transport orders, by _id. The unique (sparse) activeShipmentId index keeps a shipment
 * to one live order: a second one is a duplicate key, reported as false.
 */
@Injectable()
export class TransportOrderRepository extends AggregateRepository<TransportOrder> {
  constructor(@InjectModel(TransportOrder.name) orders: Model<TransportOrder>) {
    super(orders, 'transport order');
  }

  /** False when the shipment has a live (open or booked) order already. */
  async create(order: Omit<TransportOrder, 'revision'>): Promise<boolean> {
    return this.insert(order);
  }

  /** Adds a quote to the order only while it is open; false once it is booked or cancelled. */
  async takeQuote(orderId: string, quoteId: string): Promise<boolean> {
    return this.apply({ _id: orderId, status: 'open' }, { change: { push: { quoteIds: quoteId } } });
  }

  /**
   * Books the order (see the rule `booking`), guarded by the revision read: the order returned is the
   * one the booking was decided on, so its quotes are all the quotes it will ever have.
   */
  async book(
    orderId: string,
    accepted: OrderBooking,
  ): Promise<{ booked: boolean; order: TransportOrder | null }> {
    let booked = false;
    const { current } = await this.modify(orderId, (order) => {
      const decided = booking(order, accepted);
      booked = decided.booked;
      return decided.change && { change: decided.change };
    });
    return { booked, order: current };
  }

  async cancelBooked(orderId: string, bookingId: string, at: Date): Promise<void> {
    await this.modify(orderId, (order) => {
      const change = bookingCancelled(order, bookingId, at);
      return change && { change };
    });
  }

  /** A page of orders for a reader (not a hot path: lists scan and sort). */
  async pageFor(
    visibility: OrderVisibility,
    status: OrderStatus | undefined,
    page: number,
    pageSize: number,
  ) {
    const filter: FilterQuery<TransportOrder> = {};
    if (visibility.importerId) filter.importerId = visibility.importerId;
    if (visibility.carrierId) filter.$or = [{ status: 'open' }, { carrierId: visibility.carrierId }];
    if (status) filter.status = status;
    const [items, total] = await Promise.all([
      this.model
        .find(filter)
        .sort({ createdAt: -1, _id: 1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean(),
      this.model.countDocuments(filter),
    ]);
    return { items: items as TransportOrder[], total };
  }
}
