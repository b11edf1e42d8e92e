import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { InFlightModule } from '../in-flight/in-flight.module';
import { TimelinesModule } from '../timelines/timelines.module';
import { AlertWebhook } from './alert-webhook';
import {
  AlertDelivery,
  AlertDeliverySchema,
  SlaAlert,
  SlaAlertSchema,
  WebhookAttempt,
  WebhookAttemptSchema,
} from './sla-alert.schema';
import { SlaWatcher } from './sla-watcher';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: SlaAlert.name, schema: SlaAlertSchema },
      { name: AlertDelivery.name, schema: AlertDeliverySchema },
      { name: WebhookAttempt.name, schema: WebhookAttemptSchema },
    ]),
    TimelinesModule,
    InFlightModule,
  ],
  providers: [SlaWatcher, AlertWebhook],
})
export class AlertsModule {}
