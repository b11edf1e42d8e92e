import { Module } from '@nestjs/common';
import { tokenSettingsOf } from '@tongguan/auth';
import { ServiceConfig } from '@tongguan/config';
import { MonitorConfig } from '../monitor-config';
import { DashboardAssets } from './dashboard-assets';
import { DashboardContextController } from './dashboard-context.controller';
import { DashboardPageController } from './dashboard-page.controller';
import { LiveFeed } from './live-feed';
import { LIVE_TOKEN_SETTINGS, LiveFeedController } from './live-feed.controller';

/** The operations dashboard: its page, the context it starts from and the live feed it listens to. */
@Module({
  controllers: [DashboardPageController, DashboardContextController, LiveFeedController],
  providers: [
    DashboardAssets,
    LiveFeed,
    { provide: MonitorConfig, useFactory: () => MonitorConfig.fromEnv() },
    {
      // the same settings the global guard verifies with (libs/auth AuthModule)
      provide: LIVE_TOKEN_SETTINGS,
      useFactory: tokenSettingsOf,
      inject: [ServiceConfig],
    },
  ],
})
export class DashboardModule {}
