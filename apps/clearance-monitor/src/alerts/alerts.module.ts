import { Module } from '@nestjs/common';
import { TimelinesModule } from '../timelines/timelines.module';
import { SlaWatcher } from './sla-watcher';

@Module({ imports: [TimelinesModule], providers: [SlaWatcher] })
export class AlertsModule {}
