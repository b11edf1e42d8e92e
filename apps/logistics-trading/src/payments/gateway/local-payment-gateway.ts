import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '@tongguan/clock';
import { ServiceConfig } from '@tongguan/config';
import { randomBytes } from 'node:crypto';
import { GatewayChargeRepository } from './gateway-charge.repository';
import {
  ChargeRefusedError,
  PaymentGateway,
  type ChargeReceipt,
  type ChargeRequest,
} from './payment-gateway';

/**
 * Development stand-in for a bank: always approves, and keeps each charge under its idempotency key so
 * that a key charges once, as a real gateway's would. It moves no money.
 */
@Injectable()
export class LocalPaymentGateway extends PaymentGateway implements OnModuleInit {
  private readonly logger = new Logger(LocalPaymentGateway.name);

  constructor(
    private readonly charges: GatewayChargeRepository,
    private readonly clock: Clock,
    private readonly config: ServiceConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    if (this.config.NODE_ENV === 'production') {
      this.logger.warn('LocalPaymentGateway settles payments without taking money: configure a real gateway');
    }
  }

  async charge(request: ChargeRequest): Promise<ChargeReceipt> {
    const chargedAt = this.clock.now();
    const charge = await this.charges.chargeOnce({
      _id: request.idempotencyKey,
      paymentId: request.paymentId,
      amountMinor: request.amountMinor,
      currency: request.currency,
      receiptNumber: `LGW-${chargedAt.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(5).toString('hex').toUpperCase()}`,
      chargedAt,
    });
    // a bank refuses a key reused for a different charge rather than replaying the wrong receipt
    if (
      charge.paymentId !== request.paymentId ||
      charge.amountMinor !== request.amountMinor ||
      charge.currency !== request.currency
    ) {
      throw new ChargeRefusedError('idempotency key already used for a different charge');
    }
    return { receiptNumber: charge.receiptNumber, chargedAt: charge.chargedAt };
  }
}
