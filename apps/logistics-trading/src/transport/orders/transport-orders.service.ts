import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { shipmentIdOf } from '@tongguan/contracts';
import { DomainError } from '@tongguan/platform';
import type { FilterQuery, Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { isDuplicateKey } from '@tongguan/persistence';
import { PickupSlotsService } from '../pickup-slots/pickup-slots.service';
import { ReleasedShipmentsService } from '../releases/released-shipments.service';
import type {
  CreateTransportOrderDto,
  ListTransportOrdersQuery,
  TransportOrderPage,
  TransportOrderView,
} from './transport-order.dto';
import { TransportOrder } from './transport-order.schema';

export function toOrderView(order: TransportOrder): TransportOrderView {
  const { _id, activeShipmentId: _active, ...rest } = order;
  return { id: _id, ...rest };
}

/** Transport orders: only for cargo customs released, one live order per shipment. */
@Injectable()
export class TransportOrdersService {
  constructor(
    @InjectModel(TransportOrder.name) private readonly orders: Model<TransportOrder>,
    private readonly released: ReleasedShipmentsService,
    private readonly slots: PickupSlotsService,
    private readonly clock: Clock,
  ) {}

  async create(dto: CreateTransportOrderDto, importer: Principal): Promise<TransportOrderView> {
    const shipmentId = shipmentIdOf(dto.blNumber);
    this.slots.terminal(dto.terminal);
    if (!(await this.released.releasedFor(shipmentId, importer.party))) {
      throw new DomainError(
        'TRANSPORT.NOT_RELEASED',
        `customs has not released ${shipmentId} to ${importer.party}: only released cargo can be ordered out`,
        HttpStatus.CONFLICT,
        [{ path: 'blNumber', code: 'NOT_RELEASED', message: `${shipmentId} is not released by customs` }],
      );
    }
    const order: TransportOrder = {
      _id: randomUUID(),
      shipmentId,
      activeShipmentId: shipmentId,
      importerId: importer.party,
      terminal: dto.terminal,
      destination: dto.destination,
      ...(dto.earliestPickup ? { earliestPickup: new Date(dto.earliestPickup) } : {}),
      status: 'open',
      createdAt: this.clock.now(),
    };
    await this.orders.create(order).catch((error: unknown) => {
      if (!isDuplicateKey(error)) throw error;
      throw new DomainError(
        'TRANSPORT.ORDER_EXISTS',
        `${shipmentId} already has an open or booked transport order`,
        HttpStatus.CONFLICT,
        [{ path: 'blNumber', code: 'ORDER_EXISTS', message: 'cancel the live order before ordering again' }],
      );
    });
    return toOrderView(order);
  }

  async list(query: ListTransportOrdersQuery, caller: Principal): Promise<TransportOrderPage> {
    const filter: FilterQuery<TransportOrder> = { ...visibleTo(caller) };
    if (query.status) filter.status = query.status;
    const [items, total] = await Promise.all([
      this.orders
        .find(filter)
        .sort({ createdAt: -1, _id: 1 })
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .lean(),
      this.orders.countDocuments(filter),
    ]);
    return { items: items.map(toOrderView), page: query.page, pageSize: query.pageSize, total };
  }

  async get(id: string, caller: Principal): Promise<TransportOrderView> {
    return toOrderView(await this.findVisible(id, caller));
  }

  /** Another importer's order (or, for a carrier, one booked with someone else) is answered as absent. */
  async findVisible(id: string, caller: Principal): Promise<TransportOrder> {
    const order = await this.orders.findOne({ _id: id, ...visibleTo(caller) }).lean();
    if (!order) {
      throw new DomainError(
        'TRANSPORT.ORDER_NOT_FOUND',
        `transport order ${id} not found`,
        HttpStatus.NOT_FOUND,
      );
    }
    return order;
  }

  async statusOf(id: string): Promise<TransportOrder['status'] | undefined> {
    return (await this.orders.findById(id, { status: 1 }).lean())?.status;
  }

  /** Books the open order with the accepted quote; true also when this very booking booked it before. */
  async markBooked(
    order: TransportOrder,
    booking: { bookingId: string; quoteId: string; carrierId: string },
  ): Promise<boolean> {
    const updated = await this.orders.updateOne(
      { _id: order._id, status: 'open' },
      {
        $set: {
          status: 'booked',
          bookingId: booking.bookingId,
          acceptedQuoteId: booking.quoteId,
          carrierId: booking.carrierId,
        },
      },
    );
    if (updated.modifiedCount === 1) return true;
    return (await this.orders.exists({ _id: order._id, bookingId: booking.bookingId })) !== null;
  }

  /** Undoes markBooked for a booking that lost its place in the hour after all. */
  async reopen(orderId: string, bookingId: string): Promise<void> {
    await this.orders.updateOne(
      { _id: orderId, bookingId, status: 'booked' },
      { $set: { status: 'open' }, $unset: { bookingId: 1, acceptedQuoteId: 1, carrierId: 1 } },
    );
  }

  /** The booking was cancelled: the order ends and the shipment may be ordered again. */
  async cancelBooked(orderId: string, bookingId: string, at: Date): Promise<void> {
    await this.orders.updateOne(
      { _id: orderId, bookingId, status: 'booked' },
      { $set: { status: 'cancelled', cancelledAt: at }, $unset: { activeShipmentId: 1 } },
    );
  }
}

function visibleTo(caller: Principal): FilterQuery<TransportOrder> {
  if (caller.role === 'importer') return { importerId: caller.party };
  if (caller.role === 'carrier') return { $or: [{ status: 'open' }, { carrierId: caller.party }] };
  return {};
}
