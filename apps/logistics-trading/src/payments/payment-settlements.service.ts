import { HttpStatus, Injectable } from '@nestjs/common';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { EventFactory } from '@tongguan/messaging';
import { DomainError } from '@tongguan/platform';
import { randomBytes } from 'node:crypto';
import { coverageOf, newClaim, replayOrRefuse, settlement, settlementStart } from './payment-rules';
import { receiptOf } from './payment-views';
import type { PaymentReceipt, SettlePaymentDto } from './payment.dto';
import type { Payment, SettlementClaim } from './payment.schema';
import { PaymentRepository } from './payment.repository';
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
    private readonly payments: PaymentRepository,
    private readonly queries: PaymentsService,
    private readonly methods: SettlementMethods,
    private readonly clock: Clock,
    private readonly events: EventFactory,
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
      if (error instanceof DomainError) await this.payments.release(paymentId, claim.key);
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

  /**
   * The claim to settle under this key: an existing one for the key, or a new one with today's amount,
   * written only if the payment is still as read (an amendment or another request did not change it).
   */
  private async claim(
    paymentId: string,
    { idempotencyKey: key, method }: SettlePaymentDto,
    caller: Principal,
  ): Promise<{ receipt: PaymentReceipt } | { payment: Payment; claim: SettlementClaim }> {
    for (let attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
      const payment = await this.queries.findVisible(paymentId, caller);
      const start = settlementStart(payment, key, method);
      if (start.kind === 'replay') return { receipt: start.receipt };
      if (start.kind === 'resume') return { payment, claim: start.claim };
      const asOf = this.clock.now();
      // refuse a non-AEO trader before anything is claimed
      const guarantee = method === 'guarantee' ? this.methods.guaranteeFor(payment, asOf) : undefined;
      const quote = await this.queries.quote(payment, asOf);
      const receiptNumber = newReceiptNumber(asOf);
      const claim = newClaim(payment, quote, key, method, receiptNumber, guarantee?.guaranteeNumber);
      if (await this.payments.claim(payment, claim)) return { payment, claim };
    }
    throw new DomainError(
      'PAYMENT.BUSY',
      `payment ${paymentId} keeps changing: try again`,
      HttpStatus.CONFLICT,
    );
  }

  /** Settled + receipt + PaymentSettled in one write, guarded by the claim still pending under its key. */
  private async record(
    payment: Payment,
    claim: SettlementClaim,
    settled: Settled,
    caller: Principal,
    correlationId?: string,
  ): Promise<PaymentReceipt> {
    const { key, method, receiptNumber } = claim;
    // what this settlement covers is what was claimed, even if a newer assessment restated the request since
    const { declarationVersion, assessedMinor } = claim.declarationVersion ? claim : coverageOf(payment);
    const event = this.events.create(
      'PaymentSettled',
      {
        shipmentId: payment.shipmentId,
        paymentId: payment._id,
        importerId: payment.importerId,
        declarationId: payment.declarationId,
        declarationVersion: declarationVersion ?? 1,
        assessedMinor: assessedMinor ?? claim.dutiesAndTaxesMinor,
        dutiesAndTaxesMinor: claim.dutiesAndTaxesMinor,
        currency: payment.currency,
        amountMinor: claim.totalMinor,
        method,
        receiptNumber,
      },
      { correlationId },
    );
    const change = settlement(claim, settled, new Date(event.time), payment.dueAt);
    if (await this.payments.record(payment._id, key, change, [event])) {
      return replayOrRefuse({ ...payment, ...(change.set as Partial<Payment>) }, key, method);
    }
    // a concurrent request with the same key recorded it first: answer its receipt
    return replayOrRefuse(await this.queries.findVisible(payment._id, caller), key, method);
  }
}

/** Our receipt number: the business date and 40 random bits, e.g. RCT-20260310-9F3A1C22B7. */
function newReceiptNumber(at: Date): string {
  const day = at.toISOString().slice(0, 10).replace(/-/g, '');
  return `RCT-${day}-${randomBytes(5).toString('hex').toUpperCase()}`;
}
