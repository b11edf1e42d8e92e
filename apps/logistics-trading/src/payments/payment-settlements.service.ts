import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { EventFactory, OutboxRelay } from '@tongguan/messaging';
import { stageEvents, withState } from '@tongguan/persistence';
import { DomainError } from '@tongguan/platform';
import type { Model } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { receiptOf, quoteRecord } from './payment-views';
import type { PaymentReceipt, SettlePaymentDto } from './payment.dto';
import { Payment, type SettlementClaim } from './payment.schema';
import { PaymentsService } from './payments.service';
import { SettlementMethods, type Settled } from './settlement-methods';

/** A claim is retried this often when another request changed the payment between read and claim. */
const CLAIM_ATTEMPTS = 3;

/**
 * Settles a payment, by the gateway or an AEO bank guarantee, in three steps: claim (fix key, method,
 * receipt number and the amount as of now on the payment, one claim at a time), pay (gateway charge or
 * guarantee draw, both idempotent per claim), record (settled + receipt + PaymentSettled in one write).
 * The same idempotency key therefore charges once and answers the same receipt, also when two requests
 * race or a retry follows a crash: each step can be repeated and finds the work of the first.
 */
@Injectable()
export class PaymentSettlementsService {
  constructor(
    @InjectModel(Payment.name) private readonly payments: Model<Payment>,
    private readonly queries: PaymentsService,
    private readonly methods: SettlementMethods,
    private readonly clock: Clock,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
  ) {}

  async settle(
    paymentId: string,
    request: SettlePaymentDto,
    caller: Principal,
    correlationId?: string,
  ): Promise<PaymentReceipt> {
    const claimed = await this.claim(paymentId, request, caller);
    if ('receipt' in claimed) return claimed.receipt;
    const { payment, claim } = claimed;
    const settled = await this.methods.pay(payment, claim).catch(async (error: unknown) => {
      // refused means nothing moved: free the payment for another attempt (another key, another method)
      if (error instanceof DomainError) await this.release(paymentId, claim.key);
      throw error;
    });
    return this.record(payment, claim, settled, caller, correlationId);
  }

  async receipt(paymentId: string, caller: Principal): Promise<PaymentReceipt> {
    const payment = await this.queries.findVisible(paymentId, caller);
    const receipt = receiptOf(payment);
    if (!receipt) {
      throw new DomainError(
        'RECEIPT.NOT_FOUND',
        `payment ${paymentId} has no receipt: it is ${payment.status}`,
        HttpStatus.NOT_FOUND,
      );
    }
    return receipt;
  }

  /** The claim to settle under this key: an existing one for the key, or a new one with today's amount. */
  private async claim(
    paymentId: string,
    { idempotencyKey: key, method }: SettlePaymentDto,
    caller: Principal,
  ): Promise<{ receipt: PaymentReceipt } | { payment: Payment; claim: SettlementClaim }> {
    for (let attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
      const payment = await this.queries.findVisible(paymentId, caller);
      if (payment.status === 'settled') return { receipt: replayOrRefuse(payment, key, method) };
      if (payment.status === 'cancelled') {
        throw new DomainError(
          'PAYMENT.CANCELLED',
          'the declaration was withdrawn: nothing is owed',
          HttpStatus.CONFLICT,
        );
      }
      const pending = payment.pendingSettlement;
      if (pending) return { payment, claim: sameRequest(pending, key, method) };

      const asOf = this.clock.now();
      // refuse a non-AEO trader before anything is claimed
      const guarantee = method === 'guarantee' ? this.methods.guaranteeFor(payment, asOf) : undefined;
      const claim: SettlementClaim = {
        ...quoteRecord(await this.queries.quote(payment, asOf)),
        key,
        method,
        receiptNumber: newReceiptNumber(asOf),
        ...(guarantee ? { guaranteeNumber: guarantee.guaranteeNumber } : {}),
      };
      const { modifiedCount } = await this.payments.updateOne(
        { _id: paymentId, status: 'requested', pendingSettlement: { $exists: false } },
        { $set: { pendingSettlement: claim } },
      );
      if (modifiedCount === 1) return { payment, claim };
      // another request claimed, settled or a withdrawal cancelled it meanwhile: look again
    }
    throw new DomainError(
      'PAYMENT.BUSY',
      `payment ${paymentId} keeps changing: try again`,
      HttpStatus.CONFLICT,
    );
  }

  /**
   * Settled + receipt + PaymentSettled in one write, guarded by the claim. A payment cancelled while
   * the money was moving is recorded as settled all the same: the money did move, and the receipt
   * is what a refund would start from.
   */
  private async record(
    payment: Payment,
    claim: SettlementClaim,
    settled: Settled,
    caller: Principal,
    correlationId?: string,
  ): Promise<PaymentReceipt> {
    const { key, method, receiptNumber, guaranteeNumber: _guarantee, ...quote } = claim;
    const event = this.events.create(
      'PaymentSettled',
      {
        shipmentId: payment.shipmentId,
        paymentId: payment._id,
        importerId: payment.importerId,
        currency: payment.currency,
        amountMinor: claim.totalMinor,
        method,
        receiptNumber,
      },
      { correlationId },
    );
    const update = withState(stageEvents([event]), {
      status: 'settled',
      receiptNumber,
      settledAt: new Date(event.time),
      settlementKey: key,
      receipt: { ...quote, number: receiptNumber, method, ...settled },
    });
    const recorded = await this.payments.findOneAndUpdate(
      { _id: payment._id, 'pendingSettlement.key': key, status: { $in: ['requested', 'cancelled'] } },
      { ...update, $unset: { pendingSettlement: '' } },
      { new: true, lean: true },
    );
    if (recorded) this.relay.nudge();
    // a concurrent request with the same key recorded it first: answer its receipt
    return replayOrRefuse(recorded ?? (await this.queries.findVisible(payment._id, caller)), key, method);
  }

  private async release(paymentId: string, key: string): Promise<void> {
    await this.payments.updateOne(
      { _id: paymentId, 'pendingSettlement.key': key, status: { $in: ['requested', 'cancelled'] } },
      { $unset: { pendingSettlement: '' } },
    );
  }
}

/** The same key names the same settlement: its method must match too, or the key is being reused. */
function sameRequest(pending: SettlementClaim, key: string, method: string): SettlementClaim {
  if (pending.key !== key) {
    throw new DomainError(
      'PAYMENT.SETTLEMENT_IN_PROGRESS',
      'another settlement of this payment is under way: retry with its idempotency key',
      HttpStatus.CONFLICT,
    );
  }
  if (pending.method !== method) throw keyReused(pending.method);
  return pending;
}

function replayOrRefuse(payment: Payment, key: string, method: string): PaymentReceipt {
  const receipt = receiptOf(payment);
  if (!receipt) {
    // only if the settlement in flight was abandoned under this request (a refusal of its twin)
    throw new DomainError(
      'PAYMENT.NOT_SETTLED',
      `payment ${payment._id} is ${payment.status}: the settlement did not complete, try again`,
      HttpStatus.CONFLICT,
    );
  }
  if (payment.settlementKey !== key) {
    throw new DomainError(
      'PAYMENT.ALREADY_SETTLED',
      `payment ${payment._id} was already settled (receipt ${payment.receiptNumber})`,
      HttpStatus.CONFLICT,
    );
  }
  if (receipt.method !== method) throw keyReused(receipt.method);
  return receipt;
}

function keyReused(method: string): DomainError {
  return new DomainError(
    'PAYMENT.IDEMPOTENCY_KEY_REUSED',
    `this idempotency key was used for a settlement by ${method}`,
    HttpStatus.UNPROCESSABLE_ENTITY,
    [
      {
        path: 'method',
        code: 'PAYMENT.IDEMPOTENCY_KEY_REUSED',
        message: `the key was used with method ${method}`,
      },
    ],
  );
}

/** Our receipt number: the business date and 40 random bits, e.g. RCT-20260310-9F3A1C22B7. */
function newReceiptNumber(at: Date): string {
  const day = at.toISOString().slice(0, 10).replace(/-/g, '');
  return `RCT-${day}-${randomBytes(5).toString('hex').toUpperCase()}`;
}
