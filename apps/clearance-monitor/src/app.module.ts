import { DynamicModule, Module } from '@nestjs/common';
import { AgenciesModule } from '@tongguan/agencies';
import type { ServiceConfig } from '@tongguan/config';
import { PlatformModule } from '@tongguan/platform';
import { AlertsModule } from './alerts/alerts.module';
import { ComplaintsModule } from './complaints/complaints.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { AuditModule } from './audit/audit.module';
import { InFlightModule } from './in-flight/in-flight.module';
import { LiveModule } from './live/live.module';
import { ShipmentEventsModule } from './shipment-events/shipment-events.module';
import { StatsModule } from './stats/stats.module';
import { TimelinesModule } from './timelines/timelines.module';

@Module({})
export class AppModule {
  static forConfig(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService(config),
        AgenciesModule,
        LiveModule,
        TimelinesModule,
        ShipmentEventsModule,
        AuditModule,
        StatsModule,
        InFlightModule,
        AlertsModule,
        DashboardModule,
        ComplaintsModule,
      ],
    };
  }
}
