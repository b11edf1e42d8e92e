import { Logger } from '@nestjs/common';
import { BaseRpcContext, type CustomTransportStrategy, Server } from '@nestjs/microservices';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { type CloudEvent, definitionOfType } from '@tongguan/contracts';
import { type LogContext, parseTraceparent, runWithLogContext } from '@tongguan/logging';
import type { HandledEvent, Inbox } from '@tongguan/persistence';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import { admit, type Verdict } from './admission';
import { type DeadLetterReason, DeadLetterReasons } from './dead-letter-reasons';
import type { ConsumerGroupState } from './consumer-group-state';
import type { DeadLetterHeaderName } from './dead-letter-headers';
import type { EventPublisher } from './event-publisher';
import { describeError, failureKind } from './failures';
import { inConsumerSpan } from './message-spans';
import { messagingMetrics } from './messaging-metrics';
import {
  consumerGroupOf,
  type MessagingOptions,
  physicalDeadLetterTopic,
  physicalTopic,
} from './messaging-options';
import {
  ConsumerClosing,
  HEARTBEAT_EVERY_MS,
  PartitionHold,
  type Position,
  RetryLater,
} from './partition-hold';

export { RETRY_BACKOFF } from './partition-hold';

/** The Kafka coordinates a handler may want (e.g. for logs). */
export class EventContext extends BaseRpcContext<[topic: string, partition: number, offset: string]> {}

/** Attempts of a handler that fails for a permanent reason before its message is dead-lettered. */
const MAX_ATTEMPTS = 3;
/** Messages per inbox lookup and inbox write; also the most a crash makes a partition handle again. */
const INBOX_SLICE = 100;

/**
 * Nest transport strategy for CloudEvents over Kafka. Handlers are ordinary `@EventPattern(type)`
 * methods (see OnEvent); this server checks the envelope, the payload and the provenance (topic and
 * ce_source named by the contract) before calling them, and skips redeliveries. A partition's messages
 * come as a batch and are handled one by one in order; the inbox is asked and told once per batch.
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
    private readonly state: ConsumerGroupState,
  ) {
    super();
    this.group = consumerGroupOf(options.topicPrefix, options.service);
    this.hold = new PartitionHold(this.logger, options.topicPrefix, () => this.closing);
    this.admission = { topicPrefix: options.topicPrefix, handles: (type) => this.messageHandlers.has(type) };
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const topics = this.subscribedTopics();
      if (topics.length === 0) {
        this.state.noConsumer();
        return callback();
      }
      this.closing = false;
      this.consumer = this.kafka.consumer({
        groupId: this.group,
        sessionTimeout: 30_000,
        heartbeatInterval: HEARTBEAT_EVERY_MS,
        rebalanceTimeout: 60_000,
        allowAutoTopicCreation: false,
      });
      this.reportMembership(this.consumer, topics);
      await this.consumer.connect();
      await this.consumer.subscribe({ topics, fromBeginning: true });
      await this.consumer.run({
        partitionsConsumedConcurrently: this.options.consumerConcurrency,
        // offsets are resolved by handleBatch once recorded, never by kafkajs at the batch's end
        eachBatchAutoResolve: false,
        eachBatch: (p) => this.handleBatch(p),
      });
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Readiness follows the group membership: joined after each (re)join, out after a crash or a stop. */
  private reportMembership(consumer: Consumer, topics: string[]): void {
    this.state.starting(this.group, topics);
    const { GROUP_JOIN, CRASH, STOP, DISCONNECT } = consumer.events;
    consumer.on(GROUP_JOIN, () => this.state.joined());
    consumer.on(CRASH, (event) => this.state.left(`crashed: ${event.payload.error.message}`));
    consumer.on(STOP, () => this.state.left('stopped'));
    consumer.on(DISCONNECT, () => this.state.left('disconnected'));
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

  /**
   * A partition's batch, in order, a slice of up to INBOX_SLICE messages at a time: one inbox lookup
   * for the slice's events, its messages handled one by one, one inbox write for the events handled,
   * and only then the slice's offsets resolved. That order is the guarantee: kafkajs commits resolved
   * offsets by itself (after a batch, on an error, on a rebalance), so no offset may be resolved before
   * every event up to it is in the inbox. A crash or a rebalance before the write delivers the slice
   * again and its idempotent handlers run again, which is harmless; a committed offset past an event
   * the inbox does not know cannot happen.
   */
  private async handleBatch({
    batch,
    resolveOffset,
    heartbeat,
    isRunning,
    isStale,
  }: EachBatchPayload): Promise<void> {
    const partition = { topic: batch.topic, partition: batch.partition, heartbeat };
    const live = () => isRunning() && !isStale() && !this.closing;
    const handled = new Set<string>(); // ids handled, or found in the inbox, in this batch
    try {
      for (let start = 0; start < batch.messages.length && live(); start += INBOX_SLICE) {
        const slice = batch.messages.slice(start, start + INBOX_SLICE);
        const last = await this.handleSlice(partition, slice, handled, live);
        // a partition moved elsewhere (seek, rebalance) keeps the offset its new owner starts from
        if (last !== null && !isStale()) resolveOffset(last);
        await heartbeat();
      }
    } catch (error) {
      // closing while the partition waits: it stops where it is, nothing unrecorded resolved
      if (!(error instanceof ConsumerClosing)) throw error;
    }
  }

  /** The slice's messages up to where it stops (the consumer closing); the last offset handled. */
  private async handleSlice(
    { topic, partition, heartbeat }: Omit<Position, 'offset'>,
    messages: KafkaMessage[],
    handled: Set<string>,
    live: () => boolean,
  ): Promise<string | null> {
    const at = (message: KafkaMessage): Position => ({ topic, partition, offset: message.offset, heartbeat });
    const admitted = messages.map((message) => ({ message, verdict: admit(topic, message, this.admission) }));
    const unknown = new Set<string>();
    for (const { verdict } of admitted)
      if ('event' in verdict && !handled.has(verdict.event.id)) unknown.add(verdict.event.id);
    if (unknown.size > 0) {
      const known = await this.hold.whileUnavailable(at(messages[0]), 'inbox lookup', () =>
        this.inbox.handledAmong(this.group, [...unknown]),
      );
      for (const id of known) handled.add(id);
    }
    const toRecord: HandledEvent[] = [];
    let last: string | null = null;
    for (const { message, verdict } of admitted) {
      if (!live()) break;
      if ('event' in verdict && handled.has(verdict.event.id)) {
        messagingMetrics.duplicates.inc({ type: verdict.event.type });
      } else {
        const done = await this.handleMessage(at(message), message, verdict);
        if (done) {
          toRecord.push(done);
          handled.add(done.id); // the same event again in this batch is a duplicate
        }
      }
      last = message.offset;
      await heartbeat();
    }
    if (toRecord.length > 0) {
      await this.hold.whileUnavailable(at(messages[0]), 'inbox record', () =>
        this.inbox.recordAll(this.group, toRecord),
      );
      for (const { type } of toRecord) messagingMetrics.consumed.inc({ type });
    }
    return last;
  }

  /** Dead-letters, skips or handles one message; the event it handled, for the inbox. */
  private async handleMessage(
    position: Position,
    message: KafkaMessage,
    verdict: Verdict,
  ): Promise<HandledEvent | null> {
    const { topic, partition } = position;
    if ('skip' in verdict) return null;
    if ('reject' in verdict) {
      await this.hold.whileUnavailable(position, 'dead-letter', () =>
        this.deadLetter(topic, partition, message, verdict.reject, verdict.error),
      );
      return null;
    }
    const { event } = verdict;
    // the handler's log lines (and these) carry the event's ids; its spans continue the sender's trace
    return runWithLogContext(logContextOf(event), () =>
      inConsumerSpan(event, { topic, partition, offset: message.offset }, () =>
        this.handleAdmitted(position, message, event),
      ),
    );
  }

  private async handleAdmitted(
    position: Position,
    message: KafkaMessage,
    event: CloudEvent,
  ): Promise<HandledEvent | null> {
    const { topic, partition } = position;
    const handler = this.getHandlerByPattern(event.type);
    if (!handler) return null;
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
    if (failure === null) return { id: event.id, type: event.type };
    const text = `after ${permanentFailures} attempts: ${describeError((failure as { error: unknown }).error)}`;
    // the consumer span (when tracing) shows the handling failed, though the partition goes on
    trace.getActiveSpan()?.setStatus({ code: SpanStatusCode.ERROR, message: text });
    await this.hold.whileUnavailable(position, 'dead-letter', () =>
      this.deadLetter(topic, partition, message, DeadLetterReasons.handler, text),
    );
    return null;
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
    const why: Record<DeadLetterHeaderName, string> = {
      dlq_reason: reason,
      dlq_error: error.slice(0, 2000),
      dlq_source_topic: topic,
      dlq_source_partition: String(partition),
      dlq_source_offset: message.offset,
      dlq_consumer_group: this.group,
      dlq_failed_at: new Date().toISOString(),
    };
    await this.publisher.sendRaw(target, {
      key: message.key,
      value: message.value,
      headers: { ...message.headers, ...why },
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

/**
 * The ids an event's log lines carry; the trace from its ce_traceparent extension when it has one
 * (with tracing on, the logger takes the consumer span's ids instead).
 */
function logContextOf(event: CloudEvent): LogContext {
  return {
    correlationId: event.correlationId,
    causationId: event.causationId,
    eventId: event.id,
    eventType: event.type,
    shipmentId: event.subject,
    ...parseTraceparent(event.traceparent),
  };
}
