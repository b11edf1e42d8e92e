import { Events, toKafkaHeaders, type EventName, type PayloadInput } from '@tongguan/contracts';
import { createKafka, defaultPartitioner, KafkaLogLevel } from '@tongguan/messaging';
import type { Consumer, IHeaders, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { eventually } from './test-environment';

export interface TappedMessage {
  topic: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  /** The JSON payload, when the value is JSON. */
  payload: any;
}

/**
 * Reads topics from the beginning, as an outside agency would, and keeps every message for the test
 * to assert on. Also produces raw messages (for poison-message tests).
 */
export class EventTap {
  readonly messages: TappedMessage[] = [];
  private readonly kafka: Kafka;
  private consumer: Consumer | null = null;

  /** quiet: no client logs (a tap that lives through broker restarts would log every reconnection). */
  constructor(
    brokers: string,
    private readonly topicPrefix: string,
    options: { quiet?: boolean } = {},
  ) {
    this.kafka = createKafka(
      `test-tap-${randomUUID().slice(0, 8)}`,
      brokers.split(','),
      options.quiet ? { logLevel: KafkaLogLevel.NOTHING } : {},
    );
  }

  async start(topics: string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    const physical = topics.map((t) => `${this.topicPrefix}${t}`);
    await admin.createTopics({
      waitForLeaders: true,
      topics: physical.map((topic) => ({ topic, numPartitions: 3 })),
    });
    await admin.disconnect();
    this.consumer = this.kafka.consumer({
      groupId: `test-tap-${randomUUID()}`,
      allowAutoTopicCreation: false,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: physical, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, message }) => {
        const value = message.value?.toString() ?? null;
        let payload: unknown;
        try {
          payload = value ? JSON.parse(value) : undefined;
        } catch {
          payload = undefined;
        }
        this.messages.push({
          topic: topic.slice(this.topicPrefix.length),
          key: message.key?.toString() ?? null,
          value,
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
          payload,
        });
      },
    });
  }

  /** Waits for the first message matching the predicate. */
  waitFor(
    predicate: (m: TappedMessage) => boolean,
    timeoutMs = 30_000,
    what = 'a message',
  ): Promise<TappedMessage> {
    return eventually(() => this.messages.find(predicate), timeoutMs, what);
  }

  ofType(type: string, shipmentId?: string): TappedMessage[] {
    return this.messages.filter(
      (m) => m.headers.ce_type === type && (shipmentId === undefined || m.headers.ce_subject === shipmentId),
    );
  }

  async produce(topic: string, message: { key: string; value: string; headers?: IHeaders }): Promise<void> {
    const producer = this.kafka.producer({ createPartitioner: defaultPartitioner });
    await producer.connect();
    await producer.send({ topic: `${this.topicPrefix}${topic}`, messages: [message] });
    await producer.disconnect();
  }

  /** Publishes a catalog event as its producing service would: CloudEvents headers, keyed by shipment. */
  async publish<N extends EventName>(
    name: N,
    payload: PayloadInput<N>,
    meta: { id?: string; correlationId?: string; time?: string } = {},
  ): Promise<string> {
    const definition = Events[name];
    const subject = (payload as { shipmentId: string }).shipmentId;
    const id = meta.id ?? randomUUID();
    const headers = toKafkaHeaders({
      id,
      type: definition.type,
      source: definition.source,
      time: meta.time ?? new Date().toISOString(),
      subject,
      correlationId: meta.correlationId ?? id,
      causationId: id,
    });
    await this.produce(definition.topic, { key: subject, value: JSON.stringify(payload), headers });
    return id;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
