import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { GatewayCharge, GatewayChargeSchema } from './gateway/gateway-charge.schema';
import { GatewayChargeRepository } from './gateway/gateway-charge.repository';
import { LocalPaymentGateway } from './gateway/local-payment-gateway';
import { PaymentGateway } from './gateway/payment-gateway';
import { PaymentSettlementsService } from './payment-settlements.service';
import { Payment, PaymentSchema } from './payment.schema';
import { PaymentRepository } from './payment.repository';
import { PaymentsController } from './payments.controller';
import { PaymentsEventsController } from './payments.events.controller';
import { PaymentsService } from './payments.service';
import { SettlementMethods } from './settlement-methods';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Payment.name, schema: PaymentSchema },
      { name: GatewayCharge.name, schema: GatewayChargeSchema },
    ]),
  ],
  controllers: [PaymentsController, PaymentsEventsController],
  providers: [
    PaymentRepository,
    GatewayChargeRepository,
    PaymentsService,
    PaymentSettlementsService,
    SettlementMethods,
    // the only gateway so far; a bank's adapter replaces this one binding
    { provide: PaymentGateway, useClass: LocalPaymentGateway },
  ],
})
export class PaymentsModule {}
