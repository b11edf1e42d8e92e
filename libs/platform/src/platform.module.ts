import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@tongguan/auth';
import { ClockModule } from '@tongguan/clock';
import { ConfigModule, ServiceConfig } from '@tongguan/config';
import { MessagingModule } from '@tongguan/messaging';
import { PersistenceModule } from '@tongguan/persistence';
import { HealthController } from './health.controller';

/** What every service has: config, clock, its database, Kafka, auth, /health and /metrics. */
@Module({})
export class PlatformModule {
  static forService(config: ServiceConfig): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forService(config),
        ClockModule,
        PersistenceModule.forService(config),
        MessagingModule.forService(config),
        AuthModule.forService(config),
      ],
      controllers: [HealthController],
    };
  }
}
