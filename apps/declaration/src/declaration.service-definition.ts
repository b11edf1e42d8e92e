import { declarationStatusCodeSchema } from '@tongguan/contracts';
import type { ServiceDefinition } from '@tongguan/platform';
import { AppModule } from './app.module';

export const declaration: ServiceDefinition = {
  name: 'declaration',
  defaultPort: 3001,
  title: 'declaration',
  description: 'Import declarations, duty assessment and the customs release decision.',
  module: (config) => AppModule.forConfig(config),
  // `statusCode` beside every `status` the API answers with
  openApiSchemas: { DeclarationStatusCode: declarationStatusCodeSchema() },
};
