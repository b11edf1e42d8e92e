import { DynamicModule, Module } from '@nestjs/common';
import { AgenciesModule } from '@tongguan/agencies';
import type { ServiceConfig } from '@tongguan/config';
import { PlatformModule } from '@tongguan/platform';
import { FeesModule } from './fees/fees.module';
import { loadPortFeeTariff } from './fees/port-fee-tariff';
import { GuaranteesModule } from './guarantees/guarantees.module';
import { PaymentsModule } from './payments/payments.module';
import { TransportModule } from './transport/transport.module';

@Module({})
export class AppModule {
  static forConfig(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      // the tariff is read here, before Nest starts, so a bad file stops the boot with its problems listed
      imports: [
        PlatformModule.forService(config),
        AgenciesModule,
        FeesModule.forTariff(loadPortFeeTariff()),
        GuaranteesModule.fromRegistryFile(),
        PaymentsModule,
        TransportModule.fromEnvironment(),
      ],
    };
  }
}
