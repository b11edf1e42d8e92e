import { DynamicModule, Global, INestApplication, Module } from '@nestjs/common';
import { ServiceConfig } from '@tongguan/config';
import type { Kafka } from 'kafkajs';
import { CloudEventsServer } from './cloud-events.server';
import { ConsumerGroupState } from './consumer-group-state';
import { EventFactory } from './event-factory';
import { EventPublisher } from './event-publisher';
import { Inbox } from '@tongguan/persistence';
import { InboxPruner, INBOX_RETENTION_MS } from './inbox-pruner';
import { createKafka } from './kafka-factory';
import { KafkaHealth } from './kafka-health';
import { type KafkaSettings, loadKafkaSettings } from './kafka-settings';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging-options';
import { OutboxRelay } from './outbox-relay';
import { KAFKA } from './tokens';
import { TopicProvisioner } from './topic-provisioner';

@Global()
@Module({})
export class MessagingModule {
  /** Kafka settings are read from the environment at boot, beside ServiceConfig (a bad one stops it). */
  static forService(config: ServiceConfig, kafka: KafkaSettings = loadKafkaSettings()): DynamicModule {
    const options: MessagingOptions = {
      service: config.serviceName,
      brokers: config.kafkaBrokers,
      topicPrefix: config.TOPIC_PREFIX,
      partitions: config.TOPIC_PARTITIONS,
      consumerConcurrency: config.CONSUMER_CONCURRENCY,
      replicationFactor: kafka.replicationFactor,
    };
    const providers = [
      { provide: MESSAGING_OPTIONS, useValue: options },
      {
        provide: KAFKA,
        useFactory: () => createKafka(`tongguan-${options.service}`, options.brokers, {}, kafka),
      },
      EventFactory,
      EventPublisher,
      OutboxRelay,
      TopicProvisioner,
      KafkaHealth,
      ConsumerGroupState,
      { provide: INBOX_RETENTION_MS, useValue: config.INBOX_RETENTION_HOURS * 3_600_000 },
      InboxPruner,
    ];
    return { module: MessagingModule, providers, exports: providers };
  }
}

/** Provisions the topics and attaches the CloudEvents consumer to a Nest app (hybrid HTTP + Kafka). */
export async function connectEventConsumer(app: INestApplication): Promise<void> {
  await app.get(TopicProvisioner).ensureTopics();
  const strategy = new CloudEventsServer(
    app.get<Kafka>(KAFKA),
    app.get<MessagingOptions>(MESSAGING_OPTIONS),
    app.get(EventPublisher),
    app.get(Inbox),
    app.get(ConsumerGroupState),
  );
  app.connectMicroservice({ strategy }, { inheritAppConfig: true });
}
