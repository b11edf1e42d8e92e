import { Module } from '@nestjs/common';
import { TimelinesModule } from '../timelines/timelines.module';
import { StatsController } from './stats.controller';

@Module({ imports: [TimelinesModule], controllers: [StatsController] })
export class StatsModule {}
