import { Module } from '@nestjs/common';
import { TimelinesModule } from '../timelines/timelines.module';
import { InFlightController } from './in-flight.controller';
import { InFlightService } from './in-flight.service';

@Module({
  imports: [TimelinesModule],
  controllers: [InFlightController],
  providers: [InFlightService],
  exports: [InFlightService],
})
export class InFlightModule {}
