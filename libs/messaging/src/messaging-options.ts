import { deadLetterTopicOf } from '@tongguan/contracts';

export interface MessagingOptions {
  /** The app name; used as ce_source, client id and consumer group id. */
  service: string;
  brokers: string[];
  topicPrefix: string;
  partitions: number;
  /** Partitions the consumer works on at once (CONSUMER_CONCURRENCY). */
  consumerConcurrency: number;
  /** Replicas of the topics this service creates (KAFKA_REPLICATION_FACTOR; 3 in production). */
  replicationFactor: number;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/** The consumer group of a service: one per service, so each service sees every event once. */
export function consumerGroupOf(topicPrefix: string, service: string): string {
  return `${topicPrefix}tongguan-${service}`;
}

export function physicalTopic(options: Pick<MessagingOptions, 'topicPrefix'>, topic: string): string {
  return `${options.topicPrefix}${topic}`;
}

export function physicalDeadLetterTopic(
  options: Pick<MessagingOptions, 'topicPrefix'>,
  topic: string,
): string {
  return deadLetterTopicOf(physicalTopic(options, topic));
}
