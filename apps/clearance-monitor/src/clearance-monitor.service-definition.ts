import type { ServiceDefinition } from '@tongguan/platform';
import { AppModule } from './app.module';

export const clearanceMonitor: ServiceDefinition = {
  name: 'clearance-monitor',
  defaultPort: 3000,
  title: 'clearance-monitor',
  description:
    'Per-shipment Time Release Study timelines, clearance statistics and SLA alerts against the 20-hour target.',
  module: (config) => AppModule.forConfig(config),
};
