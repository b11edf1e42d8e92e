import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ScorecardsModule } from '../scorecards/scorecards.module';
import { TimelinesModule } from '../timelines/timelines.module';
import { ShipmentEventsController } from './shipment-events.controller';

@Module({
  imports: [TimelinesModule, AuditModule, ScorecardsModule],
  controllers: [ShipmentEventsController],
})
export class ShipmentEventsModule {}
