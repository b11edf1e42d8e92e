import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { TimelinesModule } from '../timelines/timelines.module';
import { ShipmentEventsController } from './shipment-events.controller';

@Module({ imports: [TimelinesModule, AuditModule], controllers: [ShipmentEventsController] })
export class ShipmentEventsModule {}
