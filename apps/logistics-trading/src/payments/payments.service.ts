import { Injectable, OnModuleInit } from '@nestjs/common';
import { AgencyRegistry } from '@tongguan/agencies';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import type { PayloadInput } from '@tongguan/contracts';
import { EventFactory, OutboxRelay, type IncomingEvent } from '@tongguan/messaging';
import { NotFoundError } from '@tongguan/platform';
import { CargoArrivalsService } from '../fees/cargo-arrivals.service';
import { PortFeeTariff } from '../fees/port-fee-tariff';
import type { DischargedCargo } from '../fees/port-fees';
import { paymentLimit } from './payment-limit';
import { quotePayment, type PaymentQuote } from './payment-quote';
import { dueFor, paymentIdOf, type Due } from './payment-dues';
import { cancellation, dutyOf, isTrader, newPayment, restatement, visibleTo } from './payment-rules';
import { paymentView, quoteRecord } from './payment-views';
import type { ListPaymentsQuery, PaymentPage, PaymentView } from './payment.dto';
import type { Payment } from './payment.schema';
import { PaymentRepository } from './payment.repository';
import { WITHOUT_OUTBOX } from '@tongguan/persistence';

/** A reconciliation decides again this often when the payments changed under it. */
const RECONCILE_ATTEMPTS = 5;

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
    private readonly registry: AgencyRegistry,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.payments.outboxModel);
  }

  /**
   * A declaration version was assessed (at lodgement, at an amendment, or again because a settlement
   * left it short): whatever it still owes is asked for (payment-dues), announced in the write that
   * asks. The first request of a declaration bills the port fees too, as accrued at this instant; an
   * open request is restated once per newer version; with none open, a request for the difference.
   * A redelivered or repeated assessment finds the request it made and changes nothing.
   */
  async reconcile(assessed: IncomingEvent<'DutyAssessed'>): Promise<void> {
    const { declarationId, declarationVersion: version, currency } = assessed.payload;
    const { dutyMinor, vatMinor, totalMinor } = assessed.payload;
    const assessment = { declarationId, version, currency, duty: { dutyMinor, vatMinor, totalMinor } };
    for (let attempt = 1; attempt <= RECONCILE_ATTEMPTS; attempt++) {
      const due = dueFor(assessment, await this.payments.ofDeclaration(declarationId));
      if (await this.act(due, assessed)) return;
    }
    throw new Error(`the payments of declaration ${declarationId} kept changing`);
  }

  /** Carries out what is due; false when the payments moved on meanwhile and it must be decided again. */
  private async act(due: Due, assessed: IncomingEvent<'DutyAssessed'>): Promise<boolean> {
    const { shipmentId, importerId, declarationId, declarationVersion, currency } = assessed.payload;
    const assessedMinor = assessed.payload.totalMinor;
    switch (due.kind) {
      case 'none':
        return true;
      case 'request': {
        const paymentId = paymentIdOf(declarationId, due.sequence);
        const { sequence, duty } = due;
        const quote = await this.quoteNow({ shipmentId, currency, duty, sequence });
        const subject = { shipmentId, paymentId, importerId, declarationId, declarationVersion };
        const event = this.requested(subject, currency, assessedMinor, quote, assessed);
        const request = { ...subject, currency, sequence, assessedMinor, duty };
        // false: another instance asked first, or this request exists — decide again on what is there
        const requestedAt = new Date(event.time);
        const limit = paymentLimit(this.registry, requestedAt);
        return this.payments.request(newPayment(request, quote, requestedAt, limit), [event]);
      }
      case 'restate': {
        const { payment, duty } = due;
        const amendment = { version: declarationVersion, currency, assessedMinor, duty };
        const quote = await this.quoteNow({ shipmentId, currency, duty, sequence: payment.sequence });
        const subject = { shipmentId, paymentId: payment._id, importerId, declarationId, declarationVersion };
        const event = this.requested(subject, currency, assessedMinor, quote, assessed);
        const { applied } = await this.payments.modify(payment._id, (current) => {
          const change = restatement(current, amendment, quote);
          return change && { change, events: [event] };
        });
        return applied;
      }
      case 'cancel': {
        const { applied } = await this.payments.modify(due.payment._id, (current) => {
          const change = cancellation(current, new Date(assessed.time));
          return change && { change };
        });
        return applied;
      }
    }
  }

  private requested(
    subject: Omit<
      PayloadInput<'PaymentRequested'>,
      'currency' | 'lines' | 'totalMinor' | 'assessedMinor' | 'dutiesAndTaxesMinor'
    >,
    currency: string,
    assessedMinor: number,
    quote: PaymentQuote,
    cause: IncomingEvent<'DutyAssessed'>,
  ) {
    const { lines, totalMinor, dutiesAndTaxesMinor } = quote;
    return this.events.create(
      'PaymentRequested',
      { ...subject, currency, lines, totalMinor, assessedMinor, dutiesAndTaxesMinor },
      { causedBy: cause },
    );
  }

  /** A withdrawn declaration owes nothing: its unpaid request is cancelled (a settled one stays on record). */
  async cancelFor(declarationId: string, at: Date): Promise<void> {
    for (const found of await this.payments.ofDeclaration(declarationId)) {
      await this.payments.modify(found._id, (payment) => {
        const change = cancellation(payment, at);
        return change && { change };
      });
    }
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
        ...(isTrader(caller) ? { importerId: caller.party } : {}),
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
    if (payment.status === 'settled' && payment.receipt) return paymentView(payment, payment.receipt, now);
    const asOf = payment.status === 'cancelled' && payment.cancelledAt ? payment.cancelledAt : now;
    return paymentView(payment, quoteRecord(await this.quote(payment, asOf, cargo)), now);
  }
}
