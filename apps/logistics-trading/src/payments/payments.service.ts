import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { EventFactory, OutboxRelay, type IncomingEvent } from '@tongguan/messaging';
import { stageEvents, withState, type OutboxModel } from '@tongguan/persistence';
import { NotFoundError } from '@tongguan/platform';
import type { FilterQuery, Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { CargoArrivalsService } from '../fees/cargo-arrivals.service';
import { PortFeeTariff } from '../fees/port-fee-tariff';
import type { DischargedCargo } from '../fees/port-fees';
import { quotePayment, type PaymentQuote } from './payment-quote';
import { paymentView, quoteRecord } from './payment-views';
import type { ListPaymentsQuery, PaymentPage, PaymentView } from './payment.dto';
import { Payment } from './payment.schema';

/** Internal bookkeeping never shown to callers. */
const HIDDEN_FIELDS = { outbox: 0, outboxPending: 0, settlementKey: 0, pendingSettlement: 0 } as const;

const TAX_CODES = ['CUSTOMS_DUTY', 'IMPORT_VAT', 'OTHER_TAXES'];

/** The assessed duty; requests stored before it was kept read it back from their tax lines. */
function dutyOf(payment: Payment): Payment['duty'] {
  if (payment.duty) return payment.duty;
  const amount = (code: string) => payment.lines.find((l) => l.code === code)?.amountMinor ?? 0;
  const totalMinor = TAX_CODES.reduce((sum, code) => sum + amount(code), 0);
  return { dutyMinor: amount('CUSTOMS_DUTY'), vatMinor: amount('IMPORT_VAT'), totalMinor };
}

@Injectable()
export class PaymentsService implements OnModuleInit {
  constructor(
    @InjectModel(Payment.name) private readonly payments: Model<Payment>,
    private readonly tariff: PortFeeTariff,
    private readonly arrivals: CargoArrivalsService,
    private readonly clock: Clock,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.payments as unknown as OutboxModel);
  }

  /**
   * One payment request per declaration, announced in the same write that creates it. The event is staged
   * inside $setOnInsert rather than with stageEvents (whose $push would append on every redelivery):
   * the upsert only ever inserts, so a redelivered or repeated DutyAssessed changes nothing. Storage is
   * announced as accrued at this instant (none if the cargo has not been discharged yet).
   */
  async requestPayment(assessed: IncomingEvent<'DutyAssessed'>): Promise<void> {
    const { shipmentId, currency, importerId, declarationId, dutyMinor, vatMinor, totalMinor } =
      assessed.payload;
    const duty = { dutyMinor, vatMinor, totalMinor };
    const quote = quotePayment(
      this.tariff,
      { shipmentId, currency, duty },
      await this.arrivals.cargoOf(shipmentId),
      this.clock.now(),
    );
    const paymentId = randomUUID();
    const event = this.events.create(
      'PaymentRequested',
      { shipmentId, paymentId, importerId, currency, lines: quote.lines, totalMinor: quote.totalMinor },
      { causedBy: assessed },
    );
    const payment: Omit<Payment, 'declarationId'> = {
      _id: paymentId,
      shipmentId,
      importerId,
      currency,
      duty,
      lines: quote.lines,
      totalMinor: quote.totalMinor,
      status: 'requested',
      requestedAt: new Date(event.time),
      declarationVersion: 1,
      outbox: [event],
      outboxPending: true,
    };
    const inserted = await this.payments
      .updateOne({ declarationId }, { $setOnInsert: payment }, { upsert: true })
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
    const { shipmentId, declarationId, importerId, version, duty: amendedDuty } = amended.payload;
    const payment = await this.payments.findOne({ declarationId }, { outbox: 0 }).lean();
    if (!payment || payment.status !== 'requested' || (payment.declarationVersion ?? 1) >= version) return;
    const { currency, dutyMinor, vatMinor, totalMinor } = amendedDuty;
    const duty = { dutyMinor, vatMinor, totalMinor };
    const quote = quotePayment(
      this.tariff,
      { shipmentId, currency, duty },
      await this.arrivals.cargoOf(shipmentId),
      this.clock.now(),
    );
    const event = this.events.create(
      'PaymentRequested',
      {
        shipmentId,
        paymentId: payment._id,
        importerId,
        currency,
        lines: quote.lines,
        totalMinor: quote.totalMinor,
      },
      { causedBy: amended },
    );
    await this.payments.updateOne(
      { _id: payment._id, status: 'requested', declarationVersion: payment.declarationVersion ?? 1 },
      withState(stageEvents([event]), {
        currency,
        duty,
        lines: quote.lines,
        totalMinor: quote.totalMinor,
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

  /** What the payment comes to at `asOf`, storage counted from the discharge on record. */
  async quote(payment: Payment, asOf: Date, cargo?: DischargedCargo | null): Promise<PaymentQuote> {
    const discharged = cargo === undefined ? await this.arrivals.cargoOf(payment.shipmentId) : cargo;
    return quotePayment(this.tariff, { ...payment, duty: dutyOf(payment) }, discharged, asOf);
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
    const cargo = await this.arrivals.cargoOfMany(items.map((p) => p.shipmentId));
    const now = this.clock.now();
    const views = await Promise.all(items.map((p) => this.view(p, now, cargo.get(p.shipmentId) ?? null)));
    return { items: views, page: query.page, pageSize: query.pageSize, total };
  }

  async get(id: string, caller: Principal): Promise<PaymentView> {
    return this.view(await this.findVisible(id, caller), this.clock.now());
  }

  /**
   * The figures a caller sees: a settled payment shows what was charged; a cancelled one stops accruing
   * when it was cancelled; a requested one is quoted as of now, storage included.
   */
  private async view(payment: Payment, now: Date, cargo?: DischargedCargo | null): Promise<PaymentView> {
    if (payment.status === 'settled' && payment.receipt) return paymentView(payment, payment.receipt);
    const asOf = payment.status === 'cancelled' && payment.cancelledAt ? payment.cancelledAt : now;
    return paymentView(payment, quoteRecord(await this.quote(payment, asOf, cargo)));
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
