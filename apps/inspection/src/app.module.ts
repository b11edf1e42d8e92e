import { DynamicModule, Module } from '@nestjs/common';
import type { ServiceConfig } from '@tongguan/config';
import { PlatformModule } from '@tongguan/platform';
import { InspectionSettingsModule } from './config/inspection-settings.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { RiskModule } from './risk/risk.module';
import { TasksModule } from './tasks/tasks.module';

@Module({})
export class AppModule {
  static forConfig(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService(config),
        // loaded here, before Nest builds anything, so a bad setting or rules file stops the boot with its name
        InspectionSettingsModule.fromEnvironment(),
        RiskModule,
        TasksModule,
        DeadlinesModule,
      ],
    };
  }
}
