import { Module } from '@nestjs/common';
import { TimelinesModule } from '../timelines/timelines.module';
import { StatsController } from './stats.controller';
import { StatsService } from './stats.service';

@Module({ imports: [TimelinesModule], controllers: [StatsController], providers: [StatsService] })
export class StatsModule {}
