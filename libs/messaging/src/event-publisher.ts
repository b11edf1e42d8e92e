import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { CloudEvent, definitionOfType, toKafkaHeaders, validatePayload } from '@tongguan/contracts';
import type { Span } from '@opentelemetry/api';
import type { IHeaders, Kafka, Message, Producer } from 'kafkajs';
import { UnpublishableEventError } from './failures';
import { defaultPartitioner } from './kafka-factory';
import { messagingMetrics } from './messaging-metrics';
import { MESSAGING_OPTIONS, MessagingOptions, physicalTopic } from './messaging-options';
import { endSpans, startPublishSpan } from './message-spans';
import { KAFKA } from './tokens';

// The producer id the broker gave is no longer valid for the sequence numbers kept: start afresh.
const PRODUCER_FENCED = /OUT_OF_ORDER_SEQUENCE_NUMBER|UNKNOWN_PRODUCER_ID|INVALID_PRODUCER_EPOCH/;

/**
 * Producer-only client (it never joins a consumer group). Sends resolve once every in-sync replica has
 * the message (acks=all) and reject otherwise; nothing is sent before the connection is up. The
 * producer is idempotent (the broker drops a retried batch it already wrote) with one request in
 * flight, which keeps a shipment's events in order through retries. Its retries are bounded, so a send
 * to an unavailable broker rejects and the caller (outbox relay, consumer) retries with its own
 * back-off; a re-send after that carries the same ce_id, which the consumers' inbox drops.
 */
@Injectable()
export class EventPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger(EventPublisher.name);
  private producer: Producer;
  private connected: Promise<void> | null = null;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    this.producer = this.createProducer();
  }

  private createProducer(): Producer {
    return this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      retry: { retries: 8 },
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

  /** Sends with acks=all; a producer the broker fenced is replaced, so the next send starts afresh. */
  private async send(work: (producer: Producer) => Promise<unknown>): Promise<void> {
    await this.connect();
    const producer = this.producer;
    try {
      await work(producer);
    } catch (error) {
      if (PRODUCER_FENCED.test(String((error as { type?: unknown }).type ?? (error as Error).message))) {
        this.logger.warn(`producer fenced (${(error as Error).message}); a new producer takes over`);
        this.producer = this.createProducer();
        this.connected = null;
        await producer.disconnect().catch(() => undefined);
      }
      throw error;
    }
  }

  /** Why the event can never be sent as it is (no contract for its type, or a payload that breaks it). */
  problemOf(event: CloudEvent): Error | null {
    const definition = definitionOfType(event.type);
    if (!definition) return new UnpublishableEventError(`unknown event type ${event.type}`);
    try {
      validatePayload(definition, event.payload);
      return null;
    } catch (error) {
      return error as Error;
    }
  }

  /**
   * Publishes events in order; each is re-validated against its contract before it leaves, and sent
   * in a producer span of the trace it was created in (ce_traceparent names that span).
   */
  async publish(events: CloudEvent[]): Promise<void> {
    if (events.length === 0) return;
    for (const event of events) {
      const problem = this.problemOf(event);
      if (problem) throw problem;
    }
    const byTopic = new Map<string, Message[]>();
    const spans: (Span | undefined)[] = [];
    for (const event of events) {
      const topic = physicalTopic(this.options, definitionOfType(event.type)!.topic);
      const { span, traceparent } = startPublishSpan(event, topic);
      spans.push(span);
      const messages = byTopic.get(topic) ?? [];
      messages.push({
        key: event.subject,
        value: JSON.stringify(event.payload),
        headers: toKafkaHeaders({ ...event, traceparent }),
      });
      byTopic.set(topic, messages);
    }
    try {
      await this.send((producer) =>
        producer.sendBatch({
          acks: -1,
          topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
        }),
      );
    } catch (error) {
      endSpans(spans, error);
      throw error;
    }
    endSpans(spans);
    for (const event of events) messagingMetrics.published.inc({ type: event.type });
  }

  /** Sends raw bytes as they came (used for dead letters, whose payload may not be valid JSON). */
  async sendRaw(
    topic: string,
    message: { key: Buffer | string | null; value: Buffer | string | null; headers: IHeaders },
  ) {
    await this.send((producer) => producer.send({ topic, acks: -1, messages: [message] }));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connected) await this.producer.disconnect().catch((e: unknown) => this.logger.warn(String(e)));
  }
}
