import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuthModule, tokenSettingsOf } from '@tongguan/auth';
import { ClockModule } from '@tongguan/clock';
import { ConfigModule, ServiceConfig } from '@tongguan/config';
import { MessagingModule } from '@tongguan/messaging';
import { PersistenceModule } from '@tongguan/persistence';
import { BacklogMetrics } from './health/backlog-metrics';
import { HealthController } from './health/health.controller';
import { RATE_LIMIT_TOKEN_SETTINGS, RateLimitGuard } from './rate-limit.guard';
import { TracingShutdown } from './tracing/tracing-shutdown';

/**
 * What every service has: config, clock, its database, Kafka, rate limits, auth, /health (live, ready) and /metrics with the backlog gauges.
 * The rate-limit guard is provided here, before AuthModule's guard: Nest runs global guards in the
 * order their modules are scanned, and this module is scanned before the modules it imports.
 */
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
        ThrottlerModule.forRoot({
          throttlers: [{ ttl: config.RATE_LIMIT_WINDOW_SECONDS * 1000, limit: config.RATE_LIMIT_PER_PARTY }],
        }),
      ],
      providers: [
        { provide: RATE_LIMIT_TOKEN_SETTINGS, useValue: tokenSettingsOf(config) },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        BacklogMetrics,
        TracingShutdown,
      ],
      controllers: [HealthController],
    };
  }
}
