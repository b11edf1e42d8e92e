import { DynamicModule, Module } from '@nestjs/common';
import { AgenciesModule } from '@tongguan/agencies';
import type { ServiceConfig } from '@tongguan/config';
import { PlatformModule } from '@tongguan/platform';
import { InspectionSettingsModule } from './config/inspection-settings.module';
import { ApprovalsModule } from './approvals/approvals.module';
import { DeclarationEndingsModule } from './declaration-endings/declaration-endings.module';
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
        // the approving agencies, their calendars and limits (config/agencies.json), validated at boot
        AgenciesModule,
        RiskModule,
        TasksModule,
        ApprovalsModule,
        DeclarationEndingsModule,
        DeadlinesModule,
      ],
    };
  }
}
