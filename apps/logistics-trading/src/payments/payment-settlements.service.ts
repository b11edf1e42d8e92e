import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Principal } from '@tongguan/auth';
import { EventFactory, OutboxRelay, stageEvents, withState } from '@tongguan/messaging';
import { DomainError } from '@tongguan/platform';
import type { Model } from 'mongoose';
import { ChargeRefusedError, PaymentGateway } from './gateway/payment-gateway';
import type { PaymentReceipt } from './payment.dto';
import { Payment } from './payment.schema';
import { PaymentsService } from './payments.service';

/**
 * Settles a payment through the gateway. The importer's idempotency key makes the whole operation
 * repeatable: the gateway charges a key once, and the settlement records which key succeeded, so a
 * retry after a lost answer returns the same receipt and announces nothing new.
 */
@Injectable()
export class PaymentSettlementsService {
  constructor(
    @InjectModel(Payment.name) private readonly payments: Model<Payment>,
    private readonly queries: PaymentsService,
    private readonly gateway: PaymentGateway,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
  ) {}

  async settle(
    paymentId: string,
    idempotencyKey: string,
    caller: Principal,
    correlationId?: string,
  ): Promise<PaymentReceipt> {
    const payment = await this.queries.findVisible(paymentId, caller);
    if (payment.status === 'settled') return replayOrRefuse(payment, idempotencyKey);
    if (payment.status === 'cancelled') {
      throw new DomainError(
        'PAYMENT.CANCELLED',
        'the declaration was withdrawn: nothing is owed',
        HttpStatus.CONFLICT,
      );
    }

    const charge = await this.gateway
      .charge({
        paymentId,
        amountMinor: payment.totalMinor,
        currency: payment.currency,
        // scoped to the payment, so two importers' keys (or one key reused on two payments) never collide
        idempotencyKey: `${paymentId}:${idempotencyKey}`,
      })
      .catch((error: unknown) => {
        if (!(error instanceof ChargeRefusedError)) throw error;
        throw new DomainError(
          'PAYMENT.CHARGE_REFUSED',
          `the payment gateway refused: ${error.message}`,
          HttpStatus.PAYMENT_REQUIRED,
        );
      });
    const event = this.events.create(
      'PaymentSettled',
      {
        shipmentId: payment.shipmentId,
        paymentId,
        importerId: payment.importerId,
        currency: payment.currency,
        amountMinor: payment.totalMinor,
        method: 'gateway',
        receiptNumber: charge.receiptNumber,
      },
      { correlationId },
    );
    const settled = await this.payments.findOneAndUpdate(
      { _id: paymentId, status: 'requested' },
      withState(stageEvents([event]), {
        status: 'settled',
        receiptNumber: charge.receiptNumber,
        settledAt: new Date(event.time),
        settlementKey: idempotencyKey,
      }),
      { new: true, lean: true },
    );
    if (settled) {
      this.relay.nudge();
      return receiptOf(settled);
    }
    // a concurrent settlement got there first: the same key gets its receipt, another key a conflict
    return replayOrRefuse(await this.queries.findVisible(paymentId, caller), idempotencyKey);
  }
}

function replayOrRefuse(payment: Payment, idempotencyKey: string): PaymentReceipt {
  if (payment.settlementKey === idempotencyKey) return receiptOf(payment);
  throw new DomainError(
    'PAYMENT.ALREADY_SETTLED',
    `payment ${payment._id} was already settled (receipt ${payment.receiptNumber})`,
    HttpStatus.CONFLICT,
  );
}

function receiptOf(payment: Payment): PaymentReceipt {
  return {
    paymentId: payment._id,
    shipmentId: payment.shipmentId,
    status: 'settled',
    receiptNumber: payment.receiptNumber!,
    amountMinor: payment.totalMinor,
    currency: payment.currency,
    settledAt: payment.settledAt!,
  };
}
