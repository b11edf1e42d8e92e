import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MonitorConfig } from '../monitor-config';
import { StageTimesService } from '../prediction/stage-times.service';
import { Timeline, TimelineSchema } from './timeline.schema';
import { TimelineRepository } from './timeline.repository';
import { TimelinesController } from './timelines.controller';
import { TimelinesService } from './timelines.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: Timeline.name, schema: TimelineSchema }])],
  controllers: [TimelinesController],
  providers: [
    TimelineRepository,
    TimelinesService,
    StageTimesService,
    { provide: MonitorConfig, useFactory: () => MonitorConfig.fromEnv() },
  ],
  exports: [TimelineRepository, TimelinesService, StageTimesService, MonitorConfig],
})
export class TimelinesModule {}
