import { DynamicModule, Global, Module } from '@nestjs/common';
import { loadRiskRules, RiskRules } from '../risk/risk-rules';
import { InspectionConfig, loadInspectionConfig } from './inspection-config';

/** Provides the validated InspectionConfig and the risk rules it points at, both read once at boot. */
@Global()
@Module({})
export class InspectionSettingsModule {
  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    const config = loadInspectionConfig(env);
    const rules = loadRiskRules(config.RISK_RULES_FILE);
    const providers = [
      { provide: InspectionConfig, useValue: config },
      { provide: RiskRules, useValue: rules },
    ];
    return { module: InspectionSettingsModule, providers, exports: providers };
  }
}
