import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { CloudEvent } from '@tongguan/contracts';
import { AggregateRepository, type Change, WITHOUT_OUTBOX } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { paymentIdOf } from './payment-dues';
import type { NewPayment } from './payment-rules';
import { Payment, type PaymentStatus, type SettlementClaim } from './payment.schema';

/** A settlement in flight may still be recorded after a withdrawal cancelled the payment. */
const SETTLEABLE = { $in: ['requested', 'cancelled'] as PaymentStatus[] };

/**
 * Loads and saves payments. A payment is found by _id; a declaration's requests by the ids derived
 * from it (paymentIdOf), which is also what keeps each request of a declaration to one document
 * whatever the redelivery.
 */
@Injectable()
export class PaymentRepository extends AggregateRepository<Payment> {
  constructor(@InjectModel(Payment.name) payments: Model<Payment>) {
    super(payments, 'payment');
  }

  /** Stores a new request with its announcement; false when the declaration has its payment already. */
  async request(payment: NewPayment, events: CloudEvent[]): Promise<boolean> {
    return this.insert(payment, events);
  }

  /**
   * The declaration's payment requests in order: each by its _id (derived from the declaration and the
   * sequence), until the first that does not exist. Point lookups only; a declaration has one or two.
   */
  async ofDeclaration(declarationId: string): Promise<Payment[]> {
    const found: Payment[] = [];
    for (let sequence = 1; ; sequence++) {
      const payment = await this.findById(paymentIdOf(declarationId, sequence), WITHOUT_OUTBOX);
      if (!payment) return found;
      found.push(payment);
    }
  }

  async findShown(id: string): Promise<Payment | null> {
    return this.findById(id, WITHOUT_OUTBOX);
  }

  /** Claims the settlement only if the payment is still as read (its revision): one claim wins a race. */
  async claim(payment: Payment, claim: SettlementClaim): Promise<boolean> {
    const guard = { _id: payment._id, revision: payment.revision ?? null };
    return this.apply(guard, { change: { set: { pendingSettlement: claim } } });
  }

  /** Records the claim under `key` as settled, with its events; false when it is no longer pending. */
  async record(paymentId: string, key: string, change: Change, events: CloudEvent[]): Promise<boolean> {
    return this.apply(
      { _id: paymentId, 'pendingSettlement.key': key, status: SETTLEABLE },
      { change, events },
    );
  }

  /** Frees the payment from the claim under `key` (nothing moved): another key or method may settle it. */
  async release(paymentId: string, key: string): Promise<void> {
    await this.apply(
      { _id: paymentId, 'pendingSettlement.key': key, status: SETTLEABLE },
      { change: { unset: ['pendingSettlement'] } },
    );
  }
}
