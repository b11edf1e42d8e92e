import { DynamicModule, Module } from '@nestjs/common';
import { PortFeeTariff } from './port-fee-tariff';

/**
 * Provides the tariff loaded before Nest starts (AppModule.forConfig), so a bad file stops the
 * process with the file's problems rather than a failed dependency injection.
 */
@Module({})
export class FeesModule {
  static forTariff(tariff: PortFeeTariff): DynamicModule {
    return {
      module: FeesModule,
      global: true,
      providers: [{ provide: PortFeeTariff, useValue: tariff }],
      exports: [PortFeeTariff],
    };
  }
}
