import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BillsOfLadingModule } from '../bills-of-lading/bills-of-lading.module';
import { HoldsModule } from '../holds/holds.module';
import { PickupsModule } from '../pickups/pickups.module';
import { ReleasesModule } from '../releases/releases.module';
import { GateConfig, loadGateConfig } from './gate-config';
import { GateIn, GateInSchema } from './gate-in.schema';
import { GateInRepository, GateRefusalRepository } from './gate-records.repository';
import { GateRefusal, GateRefusalSchema } from './gate-refusal.schema';
import { GatesController } from './gates.controller';
import { GatesService } from './gates.service';

@Module({})
export class GatesModule {
  /** Reads the gate settings before Nest builds anything, so a bad value stops the boot with its name. */
  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: GatesModule,
      imports: [
        MongooseModule.forFeature([
          { name: GateRefusal.name, schema: GateRefusalSchema },
          { name: GateIn.name, schema: GateInSchema },
        ]),
        BillsOfLadingModule,
        ReleasesModule,
        HoldsModule,
        PickupsModule,
      ],
      controllers: [GatesController],
      providers: [
        { provide: GateConfig, useValue: loadGateConfig(env) },
        GateInRepository,
        GateRefusalRepository,
        GatesService,
      ],
    };
  }
}
