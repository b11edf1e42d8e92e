import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const ORDER_STATUSES = ['open', 'booked', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * An importer's request to have released cargo carried from the terminal. Carriers quote on it while
 * it is open; accepting a quote books it. `activeShipmentId` is set only while the order is open or
 * booked: its unique index lets every instance see at most one live order per shipment.
 */
@Schema({ collection: 'transport_orders', versionKey: false })
export class TransportOrder {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true, index: true }) shipmentId: string;
  @Prop({ type: String, unique: true, sparse: true }) activeShipmentId?: string;
  @Prop({ required: true, index: true }) importerId: string;
  @Prop({ required: true }) terminal: string;
  @Prop({ required: true }) destination: string;
  @Prop() earliestPickup?: Date;
  @Prop({ type: String, required: true, enum: ORDER_STATUSES, index: true }) status: OrderStatus;
  @Prop({ required: true }) createdAt: Date;
  @Prop() bookingId?: string;
  @Prop() acceptedQuoteId?: string;
  @Prop({ index: true }) carrierId?: string;
  @Prop() cancelledAt?: Date;
  /**
   * The quotes submitted while the order was open, pushed only while it is open: the booking declines
   * the others by _id, and a quote that comes after the booking is turned away by the same guard.
   */
  @Prop({ type: [String] }) quoteIds?: string[];
  @Prop() revision?: number;
}

export const TransportOrderSchema = SchemaFactory.createForClass(TransportOrder);
