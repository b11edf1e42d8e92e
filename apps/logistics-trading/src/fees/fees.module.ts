import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CargoArrival, CargoArrivalSchema } from './cargo-arrival.schema';
import { CargoArrivalRepository } from './cargo-arrival.repository';
import { CargoArrivalsEventsController } from './cargo-arrivals.events.controller';
import { CargoArrivalsService } from './cargo-arrivals.service';
import { PortFeeTariff } from './port-fee-tariff';

/**
 * Provides the tariff loaded before Nest starts (AppModule.forConfig), so a bad file stops the
 * process with the file's problems rather than a failed dependency injection, and the discharges that
 * storage is counted from.
 */
@Module({})
export class FeesModule {
  static forTariff(tariff: PortFeeTariff): DynamicModule {
    return {
      module: FeesModule,
      global: true,
      imports: [MongooseModule.forFeature([{ name: CargoArrival.name, schema: CargoArrivalSchema }])],
      controllers: [CargoArrivalsEventsController],
      providers: [{ provide: PortFeeTariff, useValue: tariff }, CargoArrivalRepository, CargoArrivalsService],
      exports: [PortFeeTariff, CargoArrivalsService],
    };
  }
}
