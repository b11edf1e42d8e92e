import { Logger } from '@nestjs/common';
import { BaseRpcContext, type CustomTransportStrategy, Server } from '@nestjs/microservices';
import {
  type CloudEvent,
  definitionOfType,
  EnvelopeError,
  fromKafkaHeaders,
  PayloadValidationError,
  validatePayload,
} from '@tongguan/contracts';
import type { Consumer, EachMessagePayload, Kafka } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import type { EventPublisher } from './event-publisher';
import type { Inbox } from '@tongguan/persistence';
import { messagingMetrics } from './messaging-metrics';
import { type MessagingOptions, physicalDeadLetterTopic, physicalTopic } from './messaging-options';

/** The Kafka coordinates a handler may want (e.g. for logs). */
export class EventContext extends BaseRpcContext<[topic: string, partition: number, offset: string]> {}

const MAX_ATTEMPTS = 3;

type DeadLetterReason = 'envelope' | 'unknown-type' | 'payload' | 'subject-mismatch' | 'handler';

/**
 * Nest transport strategy for CloudEvents over Kafka. Handlers are ordinary `@EventPattern(type)`
 * methods (see OnEvent); this server validates the envelope and payload before calling them, skips
 * redeliveries, retries a failing handler a few times with heartbeats, and then dead-letters the
 * message so that one poison message never blocks its partition.
 */
export class CloudEventsServer extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(CloudEventsServer.name);
  private consumer: Consumer | null = null;
  private readonly group: string;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: MessagingOptions,
    private readonly publisher: EventPublisher,
    private readonly inbox: Inbox,
  ) {
    super();
    this.group = `${options.topicPrefix}tongguan-${options.service}`;
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const topics = this.subscribedTopics();
      if (topics.length === 0) return callback();
      this.consumer = this.kafka.consumer({
        groupId: this.group,
        sessionTimeout: 30_000,
        heartbeatInterval: 3_000,
        rebalanceTimeout: 60_000,
        allowAutoTopicCreation: false,
      });
      await this.consumer.connect();
      await this.consumer.subscribe({ topics, fromBeginning: true });
      await this.consumer.run({
        partitionsConsumedConcurrently: 3,
        eachMessage: (p) => this.handleMessage(p),
      });
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** One topic per contract that has a handler here. */
  private subscribedTopics(): string[] {
    const topics = new Set<string>();
    for (const pattern of this.messageHandlers.keys()) {
      const definition = definitionOfType(pattern);
      if (!definition) throw new Error(`@EventPattern('${pattern}') names no event in @tongguan/contracts`);
      topics.add(physicalTopic(this.options, definition.topic));
    }
    return [...topics];
  }

  private async handleMessage({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    const deadLetter = (reason: DeadLetterReason, error: string) =>
      this.deadLetter(topic, partition, message, reason, error);
    let event: CloudEvent;
    try {
      const meta = fromKafkaHeaders(message.headers ?? {});
      const handlerless = !this.messageHandlers.has(meta.type);
      const definition = definitionOfType(meta.type);
      if (!definition) return deadLetter('unknown-type', `no contract for event type ${meta.type}`);
      if (handlerless) return; // another service's business
      const raw: unknown = JSON.parse(message.value?.toString() ?? '');
      const payload = validatePayload(definition, raw) as { shipmentId: string };
      const key = message.key?.toString();
      if (payload.shipmentId !== meta.subject || key !== meta.subject) {
        return deadLetter(
          'subject-mismatch',
          `key ${key}, ce_subject ${meta.subject}, shipmentId ${payload.shipmentId}`,
        );
      }
      event = { ...meta, payload };
    } catch (error) {
      const reason = error instanceof EnvelopeError ? 'envelope' : 'payload';
      const text =
        error instanceof PayloadValidationError || error instanceof EnvelopeError
          ? error.message
          : `malformed JSON: ${(error as Error).message}`;
      return deadLetter(reason, text);
    }

    if (await this.inbox.seen(this.group, event.id)) {
      messagingMetrics.duplicates.inc({ type: event.type });
      return;
    }
    const handler = this.getHandlerByPattern(event.type);
    if (!handler) return;
    const context = new EventContext([topic, partition, message.offset]);
    const stop = messagingMetrics.handlerSeconds.startTimer({ type: event.type });
    for (let attempt = 1; ; attempt++) {
      try {
        const result: unknown = await handler(event, context);
        if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
        break;
      } catch (error) {
        const text = describe(error);
        if (attempt >= MAX_ATTEMPTS) {
          stop();
          return deadLetter('handler', `after ${attempt} attempts: ${text}`);
        }
        this.logger.warn(`${event.type} ${event.id} attempt ${attempt} failed: ${text}`);
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
        await heartbeat();
      }
    }
    stop();
    await this.inbox.record(this.group, event.id, event.type);
    messagingMetrics.consumed.inc({ type: event.type });
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: EachMessagePayload['message'],
    reason: DeadLetterReason,
    error: string,
  ): Promise<void> {
    const logical = topic.slice(this.options.topicPrefix.length);
    const target = physicalDeadLetterTopic(this.options, logical);
    this.logger.warn(`dead-lettering ${topic}[${partition}]@${message.offset} to ${target}: ${error}`);
    await this.publisher.sendRaw(target, {
      key: message.key,
      value: message.value,
      headers: {
        ...message.headers,
        dlq_reason: reason,
        dlq_error: error.slice(0, 2000),
        dlq_source_topic: topic,
        dlq_source_partition: String(partition),
        dlq_source_offset: message.offset,
        dlq_consumer_group: this.group,
        dlq_failed_at: new Date().toISOString(),
      },
    });
    messagingMetrics.deadLettered.inc({ topic: logical, reason });
  }

  async close(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = null;
  }

  on(): never {
    throw new Error('CloudEventsServer does not expose broker events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'message' in error)
    return String((error as { message: unknown }).message);
  return String(error);
}
