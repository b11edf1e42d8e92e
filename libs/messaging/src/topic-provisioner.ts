import { Inject, Injectable, Logger } from '@nestjs/common';
import { ALL_TOPICS } from '@tongguan/contracts';
import type { Kafka } from 'kafkajs';
import {
  MESSAGING_OPTIONS,
  MessagingOptions,
  physicalDeadLetterTopic,
  physicalTopic,
} from './messaging-options';
import { KAFKA } from './tokens';

/**
 * Creates every topic and its dead-letter topic with enough partitions for scale-out. Any service may
 * run it at boot; creating an existing topic is a no-op, so the order services start in does not matter.
 */
@Injectable()
export class TopicProvisioner {
  private readonly logger = new Logger(TopicProvisioner.name);

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async ensureTopics(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const wanted = ALL_TOPICS.flatMap((t) => [
        physicalTopic(this.options, t),
        physicalDeadLetterTopic(this.options, t),
      ]);
      const missing = wanted.filter((t) => !existing.has(t));
      if (missing.length === 0) return;
      const replicationFactor = this.options.replicationFactor;
      await admin
        .createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({
            topic,
            numPartitions: this.options.partitions,
            replicationFactor,
            // with acks=all a write is acknowledged once on two replicas: a broker may fail, none is lost
            configEntries: replicationFactor >= 3 ? [{ name: 'min.insync.replicas', value: '2' }] : [],
          })),
        })
        .catch((error: unknown) => {
          const { type, message } = error as { type?: string; message?: string };
          if (!/AUTHORIZATION_FAILED|Not authorized/.test(`${type} ${message}`)) throw error;
          throw new Error(
            `topics ${missing.join(', ')} are missing and this service's Kafka principal may not create them: create them as the admin (docs/security.md, Kafka)`,
          );
        });
      this.logger.log(`created topics ${missing.join(', ')} (replication factor ${replicationFactor})`);
    } finally {
      await admin.disconnect();
    }
  }
}
