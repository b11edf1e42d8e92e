import type { ServiceDefinition } from '@tongguan/platform';
import { AppModule } from './app.module';

export const portExchange: ServiceDefinition = {
  name: 'port-exchange',
  defaultPort: 3004,
  title: 'port-exchange',
  description: 'Port community system: vessel calls, manifests, discharge (CargoArrived) and gate control.',
  module: (config) => AppModule.forConfig(config),
};
