import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DeliveriesController } from './deliveries/deliveries.controller';
import { DeliveriesService } from './deliveries/deliveries.service';
import { Delivery, DeliverySchema } from './deliveries/delivery.schema';
import { DeliveryDispatcher } from './deliveries/delivery-dispatcher';
import { DeliveryRepository } from './deliveries/delivery.repository';
import { DeliveryPlanner } from './deliveries/delivery-planner';
import { WebhookSender } from './deliveries/webhook-sender';
import { EventLogEventsController } from './event-log/event-log.events.controller';
import { EventLogRepository } from './event-log/event-log.repository';
import { LoggedEvent, LoggedEventSchema } from './event-log/logged-event.schema';
import { FeedsConfig, loadFeedsConfig } from './feeds-config';
import { EventStream } from './pull-feed/event-stream';
import { FeedController } from './pull-feed/feed.controller';
import { FeedReader } from './pull-feed/feed-reader';
import { StreamSlot, StreamSlotSchema } from './pull-feed/stream-slot.schema';
import { StreamSlotRepository } from './pull-feed/stream-slot.repository';
import { FeedAudience } from './scopes/feed-audience';
import { LodgedDeclarations } from './parties/lodged-declarations';
import { RegistrationBatcher } from './parties/registration-batcher';
import { ReplaySweep } from './parties/replay-sweep';
import { ShipmentAudience } from './parties/shipment-audience';
import {
  OWED_REPLAYS,
  OwedReplaysSchema,
  ShipmentParties,
  ShipmentPartiesSchema,
} from './parties/shipment-parties.schema';
import { ShipmentPartiesRepository } from './parties/shipment-parties.repository';
import { WebhookTargets } from './webhook-targets/webhook-targets';
import { Subscription, SubscriptionSchema } from './subscriptions/subscription.schema';
import { SubscriptionRepository } from './subscriptions/subscription.repository';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';
import { SubscriptionsService } from './subscriptions/subscriptions.service';

/**
 * Agency feeds and trader notifications: every platform event is logged once in order, stamped with
 * the traders (importers, exporters, their brokers) it is for, and agencies and traders that are not on Kafka take them as signed webhooks
 * (subscriptions, deliveries) or pull them (cursor feed, Server-Sent Events).
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: LoggedEvent.name, schema: LoggedEventSchema },
      { name: Subscription.name, schema: SubscriptionSchema },
      { name: Delivery.name, schema: DeliverySchema },
      { name: ShipmentParties.name, schema: ShipmentPartiesSchema },
      { name: OWED_REPLAYS, schema: OwedReplaysSchema },
      { name: StreamSlot.name, schema: StreamSlotSchema },
    ]),
  ],
  controllers: [EventLogEventsController, SubscriptionsController, DeliveriesController, FeedController],
  providers: [
    { provide: FeedsConfig, useFactory: () => loadFeedsConfig() },
    EventLogRepository,
    SubscriptionRepository,
    SubscriptionsService,
    DeliveryRepository,
    DeliveriesService,
    DeliveryPlanner,
    WebhookSender,
    DeliveryDispatcher,
    FeedReader,
    EventStream,
    StreamSlotRepository,
    ShipmentPartiesRepository,
    RegistrationBatcher,
    LodgedDeclarations,
    ShipmentAudience,
    ReplaySweep,
    FeedAudience,
    WebhookTargets,
  ],
})
export class FeedsModule {}
