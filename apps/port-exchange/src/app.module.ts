import { DynamicModule, Module } from '@nestjs/common';
import { AgenciesModule } from '@tongguan/agencies';
import type { ServiceConfig } from '@tongguan/config';
import { PlatformModule } from '@tongguan/platform';
import { BillsOfLadingModule } from './bills-of-lading/bills-of-lading.module';
import { ExportsModule } from './exports/exports.module';
import { FeedsModule } from './feeds/feeds.module';
import { GatesModule } from './gates/gates.module';
import { HoldsModule } from './holds/holds.module';
import { ManifestUploadsModule } from './manifest-uploads/manifest-uploads.module';
import { PickupsModule } from './pickups/pickups.module';
import { ReleasesModule } from './releases/releases.module';
import { VesselCallsModule } from './vessel-calls/vessel-calls.module';

@Module({})
export class AppModule {
  static forConfig(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService(config),
        AgenciesModule,
        VesselCallsModule,
        BillsOfLadingModule,
        ManifestUploadsModule,
        ReleasesModule,
        HoldsModule,
        PickupsModule,
        GatesModule.fromEnvironment(),
        ExportsModule,
        FeedsModule,
      ],
    };
  }
}
