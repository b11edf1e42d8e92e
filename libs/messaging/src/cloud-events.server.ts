import { Logger } from '@nestjs/common';
import { BaseRpcContext, type CustomTransportStrategy, Server } from '@nestjs/microservices';
import { definitionOfType } from '@tongguan/contracts';
import type { Inbox } from '@tongguan/persistence';
import type { Consumer, EachMessagePayload, Kafka, KafkaMessage } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import { admit } from './admission';
import { type DeadLetterReason, DeadLetterReasons } from './dead-letter-reasons';
import type { EventPublisher } from './event-publisher';
import { describeError, failureKind } from './failures';
import { messagingMetrics } from './messaging-metrics';
import { type MessagingOptions, physicalDeadLetterTopic, physicalTopic } from './messaging-options';
import { HEARTBEAT_EVERY_MS, PartitionHold, type Position, RetryLater } from './partition-hold';

export { RETRY_BACKOFF } from './partition-hold';

/** The Kafka coordinates a handler may want (e.g. for logs). */
export class EventContext extends BaseRpcContext<[topic: string, partition: number, offset: string]> {}

/** Attempts of a handler that fails for a permanent reason before its message is dead-lettered. */
const MAX_ATTEMPTS = 3;

/**
 * Nest transport strategy for CloudEvents over Kafka. Handlers are ordinary `@EventPattern(type)`
 * methods (see OnEvent); this server checks the envelope, the payload and the provenance (topic and
 * ce_source named by the contract) before calling them, and skips redeliveries.
 *
 * Failures are of two kinds. While the store or the broker is unavailable (transient), the message is
 * held and retried with back-off, heartbeating, and is not committed: nothing after it on its partition
 * runs, and it is applied once the store is back. A permanent failure (bad envelope or payload, wrong
 * provenance, a handler that keeps failing otherwise) goes to `<topic>.dlq` with a stable reason code,
 * so one poison message never blocks its partition; `npm run dlq:redrive` sends it back after a fix.
 * The kind is read from the handler's own error: the services' global exception filter rethrows in
 * the RPC context (libs/platform HttpExceptionFilter), where Nest's default would hide it.
 */
export class CloudEventsServer extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(CloudEventsServer.name);
  private consumer: Consumer | null = null;
  private readonly group: string;
  private closing = false;
  private readonly hold: PartitionHold;
  private readonly admission: { topicPrefix: string; handles: (type: string) => boolean };

  constructor(
    private readonly kafka: Kafka,
    private readonly options: MessagingOptions,
    private readonly publisher: EventPublisher,
    private readonly inbox: Inbox,
  ) {
    super();
    this.group = `${options.topicPrefix}tongguan-${options.service}`;
    this.hold = new PartitionHold(this.logger, options.topicPrefix, () => this.closing);
    this.admission = { topicPrefix: options.topicPrefix, handles: (type) => this.messageHandlers.has(type) };
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const topics = this.subscribedTopics();
      if (topics.length === 0) return callback();
      this.closing = false;
      this.consumer = this.kafka.consumer({
        groupId: this.group,
        sessionTimeout: 30_000,
        heartbeatInterval: HEARTBEAT_EVERY_MS,
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
    const position: Position = { topic, partition, offset: message.offset, heartbeat };
    const verdict = admit(topic, message, this.admission);
    if ('skip' in verdict) return;
    if ('reject' in verdict) {
      return this.hold.whileUnavailable(position, 'dead-letter', () =>
        this.deadLetter(topic, partition, message, verdict.reject, verdict.error),
      );
    }
    const { event } = verdict;
    if (await this.hold.whileUnavailable(position, event.type, () => this.inbox.seen(this.group, event.id))) {
      messagingMetrics.duplicates.inc({ type: event.type });
      return;
    }
    const handler = this.getHandlerByPattern(event.type);
    if (!handler) return;
    const context = new EventContext([topic, partition, message.offset]);
    const stop = messagingMetrics.handlerSeconds.startTimer({ type: event.type });
    let permanentFailures = 0;
    let failure: { error: unknown } | null = null;
    await this.hold.whileUnavailable(position, event.type, async () => {
      try {
        const result: unknown = await handler(event, context);
        if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
      } catch (error) {
        if (failureKind(error) === 'transient') throw error;
        permanentFailures++;
        if (permanentFailures >= MAX_ATTEMPTS) {
          failure = { error };
          return;
        }
        this.logger.warn(
          `${event.type} ${event.id} attempt ${permanentFailures} failed: ${describeError(error)}`,
        );
        throw new RetryLater(error);
      }
    });
    stop();
    if (failure !== null) {
      const text = `after ${permanentFailures} attempts: ${describeError((failure as { error: unknown }).error)}`;
      return this.hold.whileUnavailable(position, 'dead-letter', () =>
        this.deadLetter(topic, partition, message, DeadLetterReasons.handler, text),
      );
    }
    await this.hold.whileUnavailable(position, event.type, () =>
      this.inbox.record(this.group, event.id, event.type),
    );
    messagingMetrics.consumed.inc({ type: event.type });
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: DeadLetterReason,
    error: string,
  ): Promise<void> {
    const logical = topic.slice(this.options.topicPrefix.length);
    const target = physicalDeadLetterTopic(this.options, logical);
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
    this.logger.warn(
      `dead-lettered ${topic}[${partition}]@${message.offset} to ${target}: ${reason} ${error}`,
    );
    messagingMetrics.deadLettered.inc({ topic: logical, reason });
  }

  async close(): Promise<void> {
    this.closing = true;
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
