import { HttpStatus, Injectable } from '@nestjs/common';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { shipmentIdOf } from '@tongguan/contracts';
import { DomainError } from '@tongguan/platform';
import { randomUUID } from 'node:crypto';
import { PickupSlotsService } from '../pickup-slots/pickup-slots.service';
import { ReleasedShipmentsService } from '../releases/released-shipments.service';
import type {
  CreateTransportOrderDto,
  ListTransportOrdersQuery,
  TransportOrderPage,
  TransportOrderView,
} from './transport-order.dto';
import { visibleTo, type OrderBooking } from './transport-order-rules';
import type { TransportOrder } from './transport-order.schema';
import { TransportOrderRepository } from './transport-order.repository';

export function toOrderView(order: TransportOrder): TransportOrderView {
  const { _id, activeShipmentId: _active, quoteIds: _quotes, revision: _revision, ...rest } = order;
  return { id: _id, ...rest };
}

/** Transport orders: only for cargo customs released, one live order per shipment. */
@Injectable()
export class TransportOrdersService {
  constructor(
    private readonly orders: TransportOrderRepository,
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
      quoteIds: [],
    };
    if (!(await this.orders.create(order))) {
      throw new DomainError(
        'TRANSPORT.ORDER_EXISTS',
        `${shipmentId} already has an open or booked transport order`,
        HttpStatus.CONFLICT,
        [{ path: 'blNumber', code: 'ORDER_EXISTS', message: 'cancel the live order before ordering again' }],
      );
    }
    return toOrderView(order);
  }

  async list(query: ListTransportOrdersQuery, caller: Principal): Promise<TransportOrderPage> {
    const visibility =
      caller.role === 'importer'
        ? { importerId: caller.party }
        : caller.role === 'carrier'
          ? { carrierId: caller.party }
          : {};
    const { items, total } = await this.orders.pageFor(visibility, query.status, query.page, query.pageSize);
    return { items: items.map(toOrderView), page: query.page, pageSize: query.pageSize, total };
  }

  async get(id: string, caller: Principal): Promise<TransportOrderView> {
    return toOrderView(await this.findVisible(id, caller));
  }

  /** Another importer's order (or, for a carrier, one booked with someone else) is answered as absent. */
  async findVisible(id: string, caller: Principal): Promise<TransportOrder> {
    const order = await this.orders.findById(id);
    if (!order || !visibleTo(order, caller)) {
      throw new DomainError(
        'TRANSPORT.ORDER_NOT_FOUND',
        `transport order ${id} not found`,
        HttpStatus.NOT_FOUND,
      );
    }
    return order;
  }

  async statusOf(id: string): Promise<TransportOrder['status'] | undefined> {
    return (await this.orders.findById(id, { status: 1 }))?.status;
  }

  /** Adds a carrier's quote to the open order; false once the order is booked or cancelled. */
  async takeQuote(orderId: string, quoteId: string): Promise<boolean> {
    return this.orders.takeQuote(orderId, quoteId);
  }

  /**
   * Books the open order with the accepted quote; booked also when this very booking booked it before.
   * The order comes back as booked on, with every quote it took.
   */
  async markBooked(
    orderId: string,
    accepted: OrderBooking,
  ): Promise<{ booked: boolean; order: TransportOrder | null }> {
    return this.orders.book(orderId, accepted);
  }

  /** The booking was cancelled: the order ends and the shipment may be ordered again. */
  async cancelBooked(orderId: string, bookingId: string, at: Date): Promise<void> {
    await this.orders.cancelBooked(orderId, bookingId, at);
  }
}
