import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { CloudEvent, definitionOfType, toKafkaHeaders, validatePayload } from '@tongguan/contracts';
import type { IHeaders, Kafka, Message, Producer } from 'kafkajs';
import { defaultPartitioner } from './kafka-factory';
import { messagingMetrics } from './messaging-metrics';
import { MESSAGING_OPTIONS, MessagingOptions, physicalTopic } from './messaging-options';
import { KAFKA } from './tokens';

/**
 * Producer-only client (it never joins a consumer group). Sends resolve once the broker acknowledged
 * (acks=all) and reject otherwise; nothing is sent before the connection is up.
 */
@Injectable()
export class EventPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger(EventPublisher.name);
  private readonly producer: Producer;
  private connected: Promise<void> | null = null;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    // one request in flight keeps a shipment's events in order through retries; duplicates from a retry
    // carry the same ce_id and are dropped by the consumers' inbox
    this.producer = kafka.producer({
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: defaultPartitioner,
    });
  }

  private connect(): Promise<void> {
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = null;
      throw error;
    });
    return this.connected;
  }

  /** Publishes events in order; each is re-validated against its contract before it leaves. */
  async publish(events: CloudEvent[]): Promise<void> {
    if (events.length === 0) return;
    const byTopic = new Map<string, Message[]>();
    for (const event of events) {
      const definition = definitionOfType(event.type);
      if (!definition) throw new Error(`unknown event type ${event.type}`);
      validatePayload(definition, event.payload);
      const topic = physicalTopic(this.options, definition.topic);
      const messages = byTopic.get(topic) ?? [];
      messages.push({
        key: event.subject,
        value: JSON.stringify(event.payload),
        headers: toKafkaHeaders(event),
      });
      byTopic.set(topic, messages);
    }
    await this.connect();
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
    for (const event of events) messagingMetrics.published.inc({ type: event.type });
  }

  /** Sends raw bytes as they came (used for dead letters, whose payload may not be valid JSON). */
  async sendRaw(
    topic: string,
    message: { key: Buffer | string | null; value: Buffer | string | null; headers: IHeaders },
  ) {
    await this.connect();
    await this.producer.send({ topic, acks: -1, messages: [message] });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connected) await this.producer.disconnect().catch((e: unknown) => this.logger.warn(String(e)));
  }
}
