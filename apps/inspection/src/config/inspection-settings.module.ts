import { DynamicModule, Global, Module } from '@nestjs/common';
import { WorkingCalendar } from '@tongguan/clock';
import { loadRiskRules, RiskRules } from '../risk/risk-rules';
import { InspectionConfig, loadInspectionConfig } from './inspection-config';
import { loadWorkingCalendar } from './working-calendar-file';

/**
 * Provides the validated InspectionConfig and the data files it points at (risk rules, working
 * calendar), all read once at boot.
 */
@Global()
@Module({})
export class InspectionSettingsModule {
  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    const config = loadInspectionConfig(env);
    const rules = loadRiskRules(config.RISK_RULES_FILE);
    const calendar = loadWorkingCalendar(config);
    const providers = [
      { provide: InspectionConfig, useValue: config },
      { provide: RiskRules, useValue: rules },
      { provide: WorkingCalendar, useValue: calendar },
    ];
    return { module: InspectionSettingsModule, providers, exports: providers };
  }
}
