import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { EventFactory, OutboxRelay, type IncomingEvent } from '@tongguan/messaging';
import { NotFoundError } from '@tongguan/platform';
import { randomUUID } from 'node:crypto';
import { CargoArrivalsService } from '../fees/cargo-arrivals.service';
import { PortFeeTariff } from '../fees/port-fee-tariff';
import type { DischargedCargo } from '../fees/port-fees';
import { quotePayment, type PaymentQuote } from './payment-quote';
import { cancellation, dutyOf, newPayment, restatement, restates, visibleTo } from './payment-rules';
import { paymentView, quoteRecord } from './payment-views';
import type { ListPaymentsQuery, PaymentPage, PaymentView } from './payment.dto';
import type { Payment } from './payment.schema';
import { PaymentRepository } from './payment.repository';
import { WITHOUT_OUTBOX } from '@tongguan/persistence';

/** Internal bookkeeping never shown in lists. */
const HIDDEN_IN_LISTS = { ...WITHOUT_OUTBOX, settlementKey: 0, pendingSettlement: 0 } as const;

@Injectable()
export class PaymentsService implements OnModuleInit {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly tariff: PortFeeTariff,
    private readonly arrivals: CargoArrivalsService,
    private readonly clock: Clock,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.payments.outboxModel);
  }

  /**
   * One payment request per declaration, announced in the write that creates it: a redelivered or
   * repeated DutyAssessed finds the declaration's payment (unique) and changes nothing. Storage is
   * announced as accrued at this instant (none if the cargo has not been discharged yet).
   */
  async requestPayment(assessed: IncomingEvent<'DutyAssessed'>): Promise<void> {
    const { shipmentId, currency, importerId, declarationId, dutyMinor, vatMinor, totalMinor } =
      assessed.payload;
    const duty = { dutyMinor, vatMinor, totalMinor };
    const quote = await this.quoteNow({ shipmentId, currency, duty });
    const paymentId = randomUUID();
    const event = this.events.create(
      'PaymentRequested',
      { shipmentId, paymentId, importerId, currency, lines: quote.lines, totalMinor: quote.totalMinor },
      { causedBy: assessed },
    );
    const request = { paymentId, declarationId, shipmentId, importerId, currency, duty };
    await this.payments.request(newPayment(request, quote, new Date(event.time)), [event]);
  }

  /**
   * An amendment re-assessed the duty: an unpaid request is restated (same payment, new amounts, a new
   * PaymentRequested), once per declaration version. A settled or cancelled one is left as it is.
   */
  async restate(amended: IncomingEvent<'DeclarationAmended'>): Promise<void> {
    const { shipmentId, declarationId, importerId, version, duty: amendedDuty } = amended.payload;
    const { currency, dutyMinor, vatMinor, totalMinor } = amendedDuty;
    const amendment = { version, currency, duty: { dutyMinor, vatMinor, totalMinor } };
    const found = await this.payments.findByDeclaration(declarationId);
    if (!found || !restates(found, amendment)) return;
    const quote = await this.quoteNow({ shipmentId, ...amendment });
    const { lines, totalMinor: total } = quote;
    const payload = { shipmentId, paymentId: found._id, importerId, currency, lines, totalMinor: total };
    const event = this.events.create('PaymentRequested', payload, { causedBy: amended });
    await this.payments.modify(found._id, (payment) => {
      const change = restatement(payment, amendment, quote);
      return change && { change, events: [event] };
    });
  }

  /** A withdrawn declaration owes nothing: its unpaid request is cancelled (a settled one stays on record). */
  async cancelFor(declarationId: string, at: Date): Promise<void> {
    const found = await this.payments.findByDeclaration(declarationId);
    if (!found) return;
    await this.payments.modify(found._id, (payment) => {
      const change = cancellation(payment, at);
      return change && { change };
    });
  }

  /** What the payment comes to at `asOf`, storage counted from the discharge on record. */
  async quote(payment: Payment, asOf: Date, cargo?: DischargedCargo | null): Promise<PaymentQuote> {
    const discharged = cargo === undefined ? await this.arrivals.cargoOf(payment.shipmentId) : cargo;
    return quotePayment(this.tariff, { ...payment, duty: dutyOf(payment) }, discharged, asOf);
  }

  async list(query: ListPaymentsQuery, caller: Principal): Promise<PaymentPage> {
    const { page, pageSize } = query;
    const { items, total } = await this.payments.page(
      {
        ...(caller.role === 'importer' ? { importerId: caller.party } : {}),
        ...(query.shipmentId ? { shipmentId: query.shipmentId } : {}),
        ...(query.status ? { status: query.status } : {}),
      },
      { sort: { requestedAt: -1, _id: 1 }, page, pageSize, projection: HIDDEN_IN_LISTS },
    );
    const cargo = await this.arrivals.cargoOfMany(items.map((p) => p.shipmentId));
    const now = this.clock.now();
    const views = await Promise.all(items.map((p) => this.view(p, now, cargo.get(p.shipmentId) ?? null)));
    return { items: views, page, pageSize, total };
  }

  async get(id: string, caller: Principal): Promise<PaymentView> {
    return this.view(await this.findVisible(id, caller), this.clock.now());
  }

  /** An importer sees only its own payments; another's is answered as absent, so ids leak nothing. */
  async findVisible(id: string, caller: Principal): Promise<Payment> {
    const payment = await this.payments.findShown(id);
    if (!payment || !visibleTo(payment, caller)) throw new NotFoundError('payment', id);
    return payment;
  }

  private async quoteNow(payment: Parameters<typeof quotePayment>[1]): Promise<PaymentQuote> {
    const cargo = await this.arrivals.cargoOf(payment.shipmentId);
    return quotePayment(this.tariff, payment, cargo, this.clock.now());
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
}
