import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';

/**
 * The one place that builds a kafkajs client, so a faster client can replace kafkajs here alone.
 * kafkajs' own logs are routed to the Nest logger at warn level and above.
 */
export function createKafka(clientId: string, brokers: string[], overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId,
    brokers,
    connectionTimeout: 5_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 200, retries: 8 },
    logLevel: logLevel.WARN,
    ...overrides,
  });
}
