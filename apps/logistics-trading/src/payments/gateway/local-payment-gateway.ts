import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Clock } from '@tongguan/clock';
import { ServiceConfig } from '@tongguan/config';
import type { Model } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { GatewayCharge } from './gateway-charge.schema';
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
    @InjectModel(GatewayCharge.name) private readonly charges: Model<GatewayCharge>,
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
    const receiptNumber = `LGW-${chargedAt.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(5).toString('hex').toUpperCase()}`;
    try {
      await this.charges.updateOne(
        { _id: request.idempotencyKey },
        {
          $setOnInsert: {
            paymentId: request.paymentId,
            amountMinor: request.amountMinor,
            currency: request.currency,
            receiptNumber,
            chargedAt,
          },
        },
        { upsert: true },
      );
    } catch (error) {
      // two concurrent upserts of one key: the other one inserted it, which is just as good
      if ((error as { code?: number }).code !== 11000) throw error;
    }
    const charge = await this.charges.findById(request.idempotencyKey).lean();
    if (!charge) throw new Error(`charge ${request.idempotencyKey} vanished`);
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
