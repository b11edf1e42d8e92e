import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { InFlightModule } from '../in-flight/in-flight.module';
import { TimelinesModule } from '../timelines/timelines.module';
import { AlertWebhook } from './alert-webhook';
import { SlaAlert, SlaAlertSchema } from './sla-alert.schema';
import { SlaAlertRepository } from './sla-alert.repository';
import { SlaWatcher } from './sla-watcher';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: SlaAlert.name, schema: SlaAlertSchema }]),
    TimelinesModule,
    InFlightModule,
  ],
  providers: [SlaAlertRepository, SlaWatcher, AlertWebhook],
})
export class AlertsModule {}
