import { Logger } from '@nestjs/common';
import { Kafka, logLevel, Partitioners, type KafkaConfig, type LogEntry } from 'kafkajs';
import { type KafkaSettings, loadKafkaSettings } from './kafka-settings';

// Answers a broker gives while it elects leaders or loads a coordinator: kafkajs retries them itself.
const TRANSIENT = /not the leader|coordinator is loading|leadership election|There is no leader/i;
// The idempotent producer's retries are bounded on purpose (see EventPublisher): not worth a warning.
const EXPECTED = /Limiting retries for the idempotent producer/;

/** Routes kafkajs logs to the Nest logger; transient broker states are debug, not errors. */
function nestLogCreator() {
  const logger = new Logger('kafkajs');
  return ({ level, log }: LogEntry) => {
    const { message, error, broker } = log as { message: string; error?: string; broker?: string };
    const text = `${message}${error ? `: ${error}` : ''}${broker ? ` (${broker})` : ''}`;
    if (level === logLevel.ERROR && !TRANSIENT.test(text)) logger.error(text);
    else if (level <= logLevel.WARN && !EXPECTED.test(text)) logger.warn(text);
    else logger.debug(text);
  };
}

/**
 * The one place that builds a kafkajs client, so a faster client can replace kafkajs here alone. The
 * credentials and TLS come from the environment (KafkaSettings, validated: a bad setting throws).
 */
export function createKafka(
  clientId: string,
  brokers: string[],
  overrides: Partial<KafkaConfig> = {},
  settings: KafkaSettings = loadKafkaSettings(),
): Kafka {
  return new Kafka({
    clientId,
    brokers,
    ssl: settings.KAFKA_SSL,
    sasl: settings.sasl,
    connectionTimeout: 5_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 200, retries: 8 },
    logLevel: logLevel.WARN,
    logCreator: () => nestLogCreator(),
    ...overrides,
  });
}

/** kafkajs' default (Java-compatible murmur2) partitioner, chosen explicitly so it never changes under us. */
export const defaultPartitioner = Partitioners.DefaultPartitioner;

/** kafkajs' names for the few tools (simulator, benchmarks) that read topics as an outside agency would. */
export { logLevel as KafkaLogLevel, type Consumer as KafkaConsumer, type Kafka } from 'kafkajs';
