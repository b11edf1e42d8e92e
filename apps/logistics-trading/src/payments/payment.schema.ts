import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { withOutbox, type OutboxFields } from '@tongguan/messaging';

export const PAYMENT_STATUSES = ['requested', 'settled', 'cancelled'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

@Schema({ _id: false, versionKey: false })
export class PaymentLineRecord {
  @Prop({ required: true }) code: string;
  @Prop({ required: true }) description: string;
  /** Integer minor units (fen). */
  @Prop({ required: true }) amountMinor: number;
}

const PaymentLineRecordSchema = SchemaFactory.createForClass(PaymentLineRecord);

/**
 * One collection payment per declaration: duties and taxes plus port fees, settled at once. The unique
 * declarationId makes a second request for the same filing impossible, whatever the event redelivery;
 * a shipment has a second payment only when its first declaration was withdrawn and it was filed again.
 */
@Schema({ collection: 'payments', versionKey: false })
export class Payment implements OutboxFields {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true, index: true }) shipmentId: string;
  @Prop({ required: true, unique: true }) declarationId: string;
  @Prop({ required: true, index: true }) importerId: string;
  @Prop({ required: true }) currency: string;
  @Prop({ type: [PaymentLineRecordSchema], required: true }) lines: PaymentLineRecord[];
  @Prop({ required: true }) totalMinor: number;
  @Prop({ type: String, required: true, enum: PAYMENT_STATUSES, index: true }) status: PaymentStatus;
  @Prop({ required: true }) requestedAt: Date;
  @Prop() settledAt?: Date;
  @Prop() cancelledAt?: Date;
  /** The declaration version the amounts come from (amendments restate an unpaid request). */
  @Prop({ default: 1 }) declarationVersion: number;
  @Prop() receiptNumber?: string;
  /** The importer's idempotency key of the settlement that succeeded: a retry with it replays the receipt. */
  @Prop() settlementKey?: string;
  outbox: OutboxFields['outbox'];
  outboxPending: boolean;
}

export const PaymentSchema = withOutbox(SchemaFactory.createForClass(Payment));
