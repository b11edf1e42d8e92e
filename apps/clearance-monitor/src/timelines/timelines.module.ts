import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MonitorConfig } from '../monitor-config';
import { StageTimesService } from '../prediction/stage-times.service';
import { IN_FLIGHT_SHIPMENT, InFlightShipmentSchema } from './in-flight-shipment.schema';
import { RECENT_RELEASE, RecentReleaseSchema } from './recent-release.schema';
import { Timeline, TimelineSchema } from './timeline.schema';
import { TimelineRepository } from './timeline.repository';
import { WorkingSetsRepository } from './working-sets.repository';
import { TimelinesController } from './timelines.controller';
import { TimelinesService } from './timelines.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Timeline.name, schema: TimelineSchema },
      { name: IN_FLIGHT_SHIPMENT, schema: InFlightShipmentSchema },
      { name: RECENT_RELEASE, schema: RecentReleaseSchema },
    ]),
  ],
  controllers: [TimelinesController],
  providers: [
    TimelineRepository,
    WorkingSetsRepository,
    TimelinesService,
    StageTimesService,
    { provide: MonitorConfig, useFactory: () => MonitorConfig.fromEnv() },
  ],
  exports: [TimelineRepository, TimelinesService, StageTimesService, MonitorConfig],
})
export class TimelinesModule {}
