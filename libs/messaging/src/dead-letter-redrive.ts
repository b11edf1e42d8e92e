import { ALL_TOPICS, CE_HEADERS, deadLetterTopicOf } from '@tongguan/contracts';
import type { Consumer, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { failureKind } from './failures';
import { defaultPartitioner } from './kafka-factory';

export interface RedriveOptions {
  /** The dead-letter topic without the prefix, e.g. declaration.events.v1.dlq. */
  topic: string;
  topicPrefix?: string;
  /** Only dead letters of this ce_type (full CloudEvents type or the short name, e.g. PaymentSettled). */
  type?: string;
  /** Count what would be sent; send and commit nothing. */
  dryRun?: boolean;
  /** Consumer group that remembers how far the redrive got (default tongguan-dlq-redrive[.<type>]). */
  group?: string;
}

export interface RedriveCounts {
  /** Dead letters read past the group's committed offset, up to the end when the redrive started. */
  read: number;
  /** Sent back to their original topic (or that would be, in a dry run). */
  redriven: number;
  /** Left alone: another ce_type than asked for. */
  otherType: number;
  /** Left alone: no dlq_source_topic, or one that is not the topic this dead-letter topic belongs to. */
  unroutable: number;
}

/** Headers the consumer added when it dead-lettered the message: the redriven message goes without. */
const DLQ_HEADER = /^dlq_/;

/**
 * Sends the dead letters of one topic back to the topic they came from, each with its original key,
 * value and headers (so its original ce_id: the consumers' inbox skips what was already applied).
 * It reads up to the end of the dead-letter topic as it was at the start, and commits its own group's
 * offset after each message, so an interrupted redrive resumes and a second one finds nothing new.
 * With a type filter, the group is per type, so the other dead letters stay for their own redrive.
 */
export async function redriveDeadLetters(kafka: Kafka, options: RedriveOptions): Promise<RedriveCounts> {
  const prefix = options.topicPrefix ?? '';
  const logical = options.topic;
  const original = ALL_TOPICS.find((t) => deadLetterTopicOf(t) === logical);
  if (!original) {
    throw new Error(
      `--topic must be a dead-letter topic: one of ${ALL_TOPICS.map((t) => deadLetterTopicOf(t)).join(', ')}`,
    );
  }
  const dlq = `${prefix}${logical}`;
  const target = `${prefix}${original}`;
  const typeFilter = options.type;
  const group = options.group ?? `${prefix}tongguan-dlq-redrive${typeFilter ? `.${typeFilter}` : ''}`;
  const counts: RedriveCounts = { read: 0, redriven: 0, otherType: 0, unroutable: 0 };

  const remaining = await remainingOffsets(kafka, dlq, group);
  if (remaining.size === 0) return counts;

  const consumer: Consumer = kafka.consumer({ groupId: group, allowAutoTopicCreation: false });
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: defaultPartitioner,
  });
  await producer.connect();
  await consumer.connect();
  try {
    let finish: () => void = () => undefined;
    let fail: (error: unknown) => void = () => undefined;
    const done = new Promise<void>((resolve, reject) => ((finish = resolve), (fail = reject)));
    await consumer.subscribe({ topics: [dlq], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const end = remaining.get(partition);
        if (end === undefined || BigInt(message.offset) >= end) return;
        try {
          counts.read++;
          const verdict = classify(message, target, typeFilter);
          if (verdict === 'redrive') {
            counts.redriven++;
            if (!options.dryRun) {
              await producer.send({
                topic: target,
                acks: -1,
                messages: [
                  { key: message.key, value: message.value, headers: withoutDeadLetterHeaders(message) },
                ],
              });
            }
          } else counts[verdict]++;
          if (!options.dryRun) {
            const next = (BigInt(message.offset) + 1n).toString();
            await consumer.commitOffsets([{ topic: dlq, partition, offset: next }]);
          }
          if (BigInt(message.offset) + 1n >= end) remaining.delete(partition);
          if (remaining.size === 0) finish();
        } catch (error) {
          fail(error);
          throw error;
        }
      },
    });
    await done;
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
  return counts;
}

/** Per partition of the dead-letter topic with messages past the group's offset: the end to read up to. */
async function remainingOffsets(kafka: Kafka, dlq: string, group: string): Promise<Map<number, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(dlq);
    const [committed] = await untilAnswered(() => admin.fetchOffsets({ groupId: group, topics: [dlq] }));
    const remaining = new Map<number, bigint>();
    for (const { partition, high, low } of ends) {
      const at = committed?.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
      const from = BigInt(at) < 0n ? BigInt(low) : BigInt(at);
      if (from < BigInt(high)) remaining.set(partition, BigInt(high));
    }
    return remaining;
  } finally {
    await admin.disconnect();
  }
}

/** A fresh cluster answers NOT_COORDINATOR while it creates its offsets topic: ask again for a while. */
async function untilAnswered<T>(ask: () => Promise<T>, attempts = 20): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ask();
    } catch (error) {
      if (attempt >= attempts || failureKind(error) !== 'transient') throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

function header(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.toString();
}

function classify(message: KafkaMessage, target: string, type: string | undefined) {
  if (header(message.headers, 'dlq_source_topic') !== target) return 'unroutable' as const;
  const ceType = header(message.headers, CE_HEADERS.type) ?? '';
  if (type && ceType !== type && ceType.split('.').at(-2) !== type) return 'otherType' as const;
  return 'redrive' as const;
}

function withoutDeadLetterHeaders(message: KafkaMessage): IHeaders {
  return Object.fromEntries(Object.entries(message.headers ?? {}).filter(([name]) => !DLQ_HEADER.test(name)));
}
