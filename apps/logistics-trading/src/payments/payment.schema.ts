import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { withOutbox, type OutboxFields } from '@tongguan/persistence';
import { SETTLEMENT_METHODS } from '@tongguan/contracts';

export const PAYMENT_STATUSES = ['requested', 'settled', 'cancelled'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export type SettlementMethod = (typeof SETTLEMENT_METHODS)[number];

@Schema({ _id: false, versionKey: false })
export class PaymentLineRecord {
  @Prop({ required: true }) code: string;
  @Prop({ required: true }) description: string;
  /** Integer minor units (fen). */
  @Prop({ required: true }) amountMinor: number;
}
const PaymentLineRecordSchema = SchemaFactory.createForClass(PaymentLineRecord);

/** Duty and taxes this payment collects: as customs assessed them (DutyAssessed), or the part still owed. */
@Schema({ _id: false, versionKey: false })
export class AssessedDutyRecord {
  @Prop({ required: true }) dutyMinor: number;
  @Prop({ required: true }) vatMinor: number;
  @Prop({ required: true }) totalMinor: number;
}
const AssessedDutyRecordSchema = SchemaFactory.createForClass(AssessedDutyRecord);

@Schema({ _id: false, versionKey: false })
export class StorageRecord {
  @Prop({ required: true }) dischargedAt: Date;
  @Prop({ required: true }) storageDays: number;
}
const StorageRecordSchema = SchemaFactory.createForClass(StorageRecord);

/** The figures a settlement charges: the bill as of the business instant the settlement began. */
@Schema({ _id: false, versionKey: false })
export class QuoteRecord {
  @Prop({ type: [PaymentLineRecordSchema], required: true }) lines: PaymentLineRecord[];
  @Prop({ required: true }) dutiesAndTaxesMinor: number;
  @Prop({ required: true }) portFeesMinor: number;
  @Prop({ required: true }) totalMinor: number;
  @Prop({ required: true }) asOf: Date;
  @Prop({ type: StorageRecordSchema }) storage?: StorageRecord;
}

/**
 * A settlement under way, claimed before any money moves: only one per payment at a time, and its key,
 * method, receipt number and amount are fixed here, so a retry or a concurrent request with the same key
 * charges exactly the same thing (and a gateway charge or guarantee draw happens once).
 */
@Schema({ _id: false, versionKey: false })
export class SettlementClaim extends QuoteRecord {
  @Prop({ required: true }) key: string;
  @Prop({ type: String, required: true, enum: SETTLEMENT_METHODS }) method: SettlementMethod;
  @Prop({ required: true }) receiptNumber: string;
  @Prop() guaranteeNumber?: string;
  /** The declaration version the claimed duties were billed against, and its whole assessment. */
  @Prop() declarationVersion?: number;
  @Prop() assessedMinor?: number;
}
const SettlementClaimSchema = SchemaFactory.createForClass(SettlementClaim);

@Schema({ _id: false, versionKey: false })
export class GuaranteeRecord {
  @Prop({ required: true }) guaranteeNumber: string;
  @Prop({ required: true }) aeoCertificate: string;
  @Prop({ required: true }) bank: string;
}
const GuaranteeRecordSchema = SchemaFactory.createForClass(GuaranteeRecord);

/** What was paid, how and when: the receipt of the one settlement of a payment. */
@Schema({ _id: false, versionKey: false })
export class ReceiptRecord extends QuoteRecord {
  @Prop({ required: true }) number: string;
  @Prop({ type: String, required: true, enum: SETTLEMENT_METHODS }) method: SettlementMethod;
  /** Business time the gateway took the money, or the guarantee was drawn. */
  @Prop({ required: true }) paidAt: Date;
  /** The gateway's own receipt number, or the guarantee number drawn on. */
  @Prop({ required: true }) reference: string;
  @Prop({ type: GuaranteeRecordSchema }) guarantee?: GuaranteeRecord;
  /** The declaration version whose assessment the settled duties were billed against, and that assessment. */
  @Prop() declarationVersion?: number;
  @Prop() assessedMinor?: number;
}
const ReceiptRecordSchema = SchemaFactory.createForClass(ReceiptRecord);

/**
 * A payment request of one declaration. The first (sequence 1) collects the assessed duties and taxes
 * plus the port fees, settled at once; when an amendment raised the assessment after a payment was
 * settled (or while it was settling), a further one collects the difference only (see payment-dues).
 * The _id is derived from the declaration id and the sequence, so a redelivered or repeated assessment
 * finds the request it made, whatever the redelivery, and two deciding at once create it once.
 * Storage makes the amount grow until settlement, so `lines`/`totalMinor` are the figures last announced
 * (PaymentRequested); the current ones are quoted from `duty`, the tariff and the discharge.
 */
@Schema({ collection: 'payments', versionKey: false })
export class Payment implements OutboxFields {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true, index: true }) shipmentId: string;
  @Prop({ required: true, index: true }) declarationId: string;
  /** 1: the declaration's payment with the port fees; 2, 3…: a difference an amendment left owing. */
  @Prop({ default: 1 }) sequence: number;
  /** The whole assessment of `declarationVersion` (duty, VAT, other taxes); `duty` is the part collected here. */
  @Prop() assessedMinor?: number;
  @Prop({ required: true, index: true }) importerId: string;
  @Prop({ required: true }) currency: string;
  @Prop({ type: AssessedDutyRecordSchema, required: true }) duty: AssessedDutyRecord;
  @Prop({ type: [PaymentLineRecordSchema], required: true }) lines: PaymentLineRecord[];
  @Prop({ required: true }) totalMinor: number;
  @Prop({ type: String, required: true, enum: PAYMENT_STATUSES, index: true }) status: PaymentStatus;
  @Prop({ required: true }) requestedAt: Date;
  /** The registry's trader/payment limit (hours of the trader's calendar) and when it ends; absent on older requests. */
  @Prop() limitHours?: number;
  @Prop() dueAt?: Date;
  @Prop() settledAt?: Date;
  /** Whether the settlement came by dueAt (no penalty follows: it is shown and counted). */
  @Prop() settledWithinLimit?: boolean;
  @Prop() cancelledAt?: Date;
  /** The declaration version the amounts come from (a newer assessment restates an unpaid request). */
  @Prop({ default: 1 }) declarationVersion: number;
  @Prop() receiptNumber?: string;
  /** The importer's idempotency key of the settlement that succeeded: a retry with it replays the receipt. */
  @Prop() settlementKey?: string;
  @Prop({ type: SettlementClaimSchema }) pendingSettlement?: SettlementClaim;
  @Prop({ type: ReceiptRecordSchema }) receipt?: ReceiptRecord;
  @Prop() revision?: number;
  outbox: OutboxFields['outbox'];
  outboxPending: boolean;
}

export const PaymentSchema = withOutbox(SchemaFactory.createForClass(Payment));
