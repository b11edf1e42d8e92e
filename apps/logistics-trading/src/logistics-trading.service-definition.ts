import type { ServiceDefinition } from '@tongguan/platform';
import { AppModule } from './app.module';

export const logisticsTrading: ServiceDefinition = {
  name: 'logistics-trading',
  defaultPort: 3003,
  title: 'logistics-trading',
  description: 'One-stop settlement of duties, taxes and port fees (PaymentRequested, PaymentSettled [T5]).',
  module: (config) => AppModule.forConfig(config),
};
