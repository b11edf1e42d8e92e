import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Principal } from '@tongguan/auth';
import {
  EventFactory,
  OutboxRelay,
  stageEvents,
  withState,
  type IncomingEvent,
  type OutboxModel,
} from '@tongguan/messaging';
import { NotFoundError } from '@tongguan/platform';
import type { FilterQuery, Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { PortFeeTariff } from '../fees/port-fee-tariff';
import { portFeeLines } from '../fees/port-fees';
import { paymentBill } from './payment-lines';
import type { ListPaymentsQuery, PaymentPage, PaymentView } from './payment.dto';
import { Payment } from './payment.schema';

/** Internal bookkeeping never shown to callers. */
const HIDDEN_FIELDS = { outbox: 0, outboxPending: 0, settlementKey: 0 } as const;

function toView(payment: Payment): PaymentView {
  const { _id, shipmentId, declarationId, importerId, currency, lines, totalMinor, status, requestedAt } =
    payment;
  return {
    id: _id,
    shipmentId,
    declarationId,
    importerId,
    currency,
    lines: lines.map(({ code, description, amountMinor }) => ({ code, description, amountMinor })),
    totalMinor,
    status,
    requestedAt,
    ...(payment.settledAt ? { settledAt: payment.settledAt, receiptNumber: payment.receiptNumber } : {}),
  };
}

@Injectable()
export class PaymentsService implements OnModuleInit {
  constructor(
    @InjectModel(Payment.name) private readonly payments: Model<Payment>,
    private readonly tariff: PortFeeTariff,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.payments as unknown as OutboxModel);
  }

  /**
   * One payment request per declaration, announced in the same write that creates it. The event is staged
   * inside $setOnInsert rather than with stageEvents (whose $push would append on every redelivery):
   * the upsert only ever inserts, so a redelivered or repeated DutyAssessed changes nothing.
   */
  async requestPayment(assessed: IncomingEvent<'DutyAssessed'>): Promise<void> {
    const duty = assessed.payload;
    const { shipmentId, currency, importerId } = duty;
    const bill = paymentBill(duty, portFeeLines(this.tariff, { shipmentId, currency }));
    const paymentId = randomUUID();
    const event = this.events.create(
      'PaymentRequested',
      { shipmentId, paymentId, importerId, currency, lines: bill.lines, totalMinor: bill.totalMinor },
      { causedBy: assessed },
    );
    const payment: Omit<Payment, 'declarationId'> = {
      _id: paymentId,
      shipmentId,
      importerId,
      currency,
      lines: bill.lines,
      totalMinor: bill.totalMinor,
      status: 'requested',
      requestedAt: new Date(event.time),
      declarationVersion: 1,
      outbox: [event],
      outboxPending: true,
    };
    const inserted = await this.payments
      .updateOne({ declarationId: duty.declarationId }, { $setOnInsert: payment }, { upsert: true })
      .then((result) => result.upsertedCount === 1)
      // the unique index turned away a concurrent insert for the same declaration: it exists, as wanted
      .catch((error: { code?: number }) => (error.code === 11000 ? false : Promise.reject(error)));
    if (inserted) this.relay.nudge();
  }

  /**
   * An amendment re-assessed the duty: an unpaid request is restated (same payment, new amounts, a new
   * PaymentRequested), once per declaration version. A settled or cancelled one is left as it is.
   */
  async restate(amended: IncomingEvent<'DeclarationAmended'>): Promise<void> {
    const { shipmentId, declarationId, importerId, version, duty } = amended.payload;
    const payment = await this.payments.findOne({ declarationId }, { outbox: 0 }).lean();
    if (!payment || payment.status !== 'requested' || (payment.declarationVersion ?? 1) >= version) return;
    const bill = paymentBill(
      { shipmentId, ...duty },
      portFeeLines(this.tariff, { shipmentId, currency: duty.currency }),
    );
    const event = this.events.create(
      'PaymentRequested',
      {
        shipmentId,
        paymentId: payment._id,
        importerId,
        currency: duty.currency,
        lines: bill.lines,
        totalMinor: bill.totalMinor,
      },
      { causedBy: amended },
    );
    await this.payments.updateOne(
      { _id: payment._id, status: 'requested', declarationVersion: payment.declarationVersion ?? 1 },
      withState(stageEvents([event]), {
        lines: bill.lines,
        totalMinor: bill.totalMinor,
        declarationVersion: version,
      }),
    );
    this.relay.nudge();
  }

  /** A withdrawn declaration owes nothing: its unpaid request is cancelled (a settled one stays on record). */
  async cancelFor(declarationId: string, at: Date): Promise<void> {
    await this.payments.updateOne(
      { declarationId, status: 'requested' },
      { $set: { status: 'cancelled', cancelledAt: at } },
    );
  }

  async list(query: ListPaymentsQuery, caller: Principal): Promise<PaymentPage> {
    const filter: FilterQuery<Payment> = {};
    if (caller.role === 'importer') filter.importerId = caller.party;
    if (query.shipmentId) filter.shipmentId = query.shipmentId;
    if (query.status) filter.status = query.status;
    const [items, total] = await Promise.all([
      this.payments
        .find(filter, HIDDEN_FIELDS)
        .sort({ requestedAt: -1, _id: 1 })
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .lean(),
      this.payments.countDocuments(filter),
    ]);
    return { items: items.map(toView), page: query.page, pageSize: query.pageSize, total };
  }

  async get(id: string, caller: Principal): Promise<PaymentView> {
    return toView(await this.findVisible(id, caller));
  }

  /** An importer sees only its own payments; another's is answered as absent, so ids leak nothing. */
  async findVisible(id: string, caller: Principal): Promise<Payment> {
    const filter: FilterQuery<Payment> = { _id: id };
    if (caller.role === 'importer') filter.importerId = caller.party;
    const payment = await this.payments.findOne(filter, { outbox: 0, outboxPending: 0 }).lean();
    if (!payment) throw new NotFoundError('payment', id);
    return payment;
  }
}
