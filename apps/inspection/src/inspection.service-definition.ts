import type { ServiceDefinition } from '@tongguan/platform';
import { AppModule } from './app.module';

export const inspection: ServiceDefinition = {
  name: 'inspection',
  defaultPort: 3002,
  title: 'inspection',
  description:
    'Inspection & quarantine: risk assessment (RiskAssessed), document checks and physical inspections with ' +
    'time limits (InspectionCompleted) and tacit approval when a limit passes (InspectionDeemedApproved).',
  module: (config) => AppModule.forConfig(config),
};
