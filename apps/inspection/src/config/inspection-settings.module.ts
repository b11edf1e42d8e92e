import { DynamicModule, Global, Module } from '@nestjs/common';
import { AgencyRegistry } from '@tongguan/agencies';
import { WorkingCalendar } from '@tongguan/clock';
import { loadRiskRules, RiskRules } from '../risk/risk-rules';
import { InspectionConfig, loadInspectionConfig } from './inspection-config';
import { calendarFromSettings, inspectionCalendar } from './working-calendar-file';

/**
 * Provides the validated InspectionConfig and the data files it points at (risk rules, a calendar file
 * when one is named), all read once at boot; the working calendar is otherwise the agency registry's.
 */
@Global()
@Module({})
export class InspectionSettingsModule {
  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    const config = loadInspectionConfig(env);
    const rules = loadRiskRules(config.RISK_RULES_FILE);
    const fromSettings = calendarFromSettings(config);
    const providers = [
      { provide: InspectionConfig, useValue: config },
      { provide: RiskRules, useValue: rules },
      {
        provide: WorkingCalendar,
        useFactory: (registry: AgencyRegistry) => inspectionCalendar(fromSettings, registry),
        inject: [AgencyRegistry],
      },
    ];
    return { module: InspectionSettingsModule, providers, exports: providers };
  }
}
