import { HttpStatus, Injectable } from '@nestjs/common';
import { DomainError } from '@tongguan/platform';
import type { AeoGuarantee } from '../guarantees/guarantee-registry';
import { GuaranteesService } from '../guarantees/guarantees.service';
import { ChargeRefusedError, PaymentGateway } from './gateway/payment-gateway';
import type { GuaranteeRecord, Payment, SettlementClaim } from './payment.schema';

/** How a claim was paid: what the receipt records beyond the amounts. */
export interface Settled {
  paidAt: Date;
  reference: string;
  guarantee?: GuaranteeRecord;
}

/**
 * The two ways to pay a claim. Both are idempotent per claim (the gateway per key, the guarantee per
 * payment), so a retry or a concurrent request of the same claim moves the money once. A refusal is a
 * DomainError: nothing moved.
 */
@Injectable()
export class SettlementMethods {
  constructor(
    private readonly gateway: PaymentGateway,
    private readonly guarantees: GuaranteesService,
  ) {}

  guaranteeFor(payment: Payment, at: Date): AeoGuarantee {
    return this.guarantees.guaranteeFor(payment.importerId, payment.currency, at);
  }

  async pay(payment: Payment, claim: SettlementClaim): Promise<Settled> {
    switch (claim.method) {
      case 'gateway':
        return this.charge(payment, claim);
      case 'guarantee':
        return this.draw(payment, claim);
    }
  }

  private async charge(payment: Payment, claim: SettlementClaim): Promise<Settled> {
    const charge = await this.gateway
      .charge({
        paymentId: payment._id,
        amountMinor: claim.totalMinor,
        currency: payment.currency,
        // scoped to the payment, so two importers' keys (or one key reused on two payments) never collide
        idempotencyKey: `${payment._id}:${claim.key}`,
      })
      .catch((error: unknown) => {
        if (!(error instanceof ChargeRefusedError)) throw error;
        throw new DomainError(
          'PAYMENT.CHARGE_REFUSED',
          `the payment gateway refused: ${error.message}`,
          HttpStatus.PAYMENT_REQUIRED,
        );
      });
    return { paidAt: charge.chargedAt, reference: charge.receiptNumber };
  }

  /** Customs may release on the guarantee: the money moves later, between the trader and its bank. */
  private async draw(payment: Payment, claim: SettlementClaim): Promise<Settled> {
    const guarantee = this.guarantees.guaranteeFor(payment.importerId, payment.currency, claim.asOf);
    if (guarantee.guaranteeNumber !== claim.guaranteeNumber) {
      throw new DomainError(
        'GUARANTEE.CHANGED',
        `the trader's guarantee is now ${guarantee.guaranteeNumber}, not ${claim.guaranteeNumber}: settle again with a new key`,
        HttpStatus.CONFLICT,
      );
    }
    const drawn = await this.guarantees.draw(guarantee, {
      paymentId: payment._id,
      receiptNumber: claim.receiptNumber,
      amountMinor: claim.totalMinor,
      drawnAt: claim.asOf,
    });
    const { guaranteeNumber, aeoCertificate, bank } = guarantee;
    return {
      paidAt: drawn.drawnAt,
      reference: guaranteeNumber,
      guarantee: { guaranteeNumber, aeoCertificate, bank },
    };
  }
}
