import { ConfigError, validateEnv } from '@tongguan/config';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import type { SASLOptions } from 'kafkajs';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);
const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value === undefined ? undefined : value;

/**
 * How every Tongguan process reaches Kafka beyond the broker list: credentials (SASL/SCRAM, one
 * principal per service, see docs/security.md), TLS, and the replication of the topics it creates.
 * Read from the environment and validated once at boot, like ServiceConfig; unset means a local
 * broker on loopback without authentication.
 */
export class KafkaSettings {
  @IsOptional()
  @IsIn(['scram-sha-512', 'scram-sha-256', 'plain'])
  KAFKA_SASL_MECHANISM?: 'scram-sha-512' | 'scram-sha-256' | 'plain';

  @IsOptional()
  @IsString()
  @MinLength(1)
  KAFKA_SASL_USERNAME?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  KAFKA_SASL_PASSWORD?: string;

  /** TLS to the brokers (SASL_SSL); the system's CAs, or NODE_EXTRA_CA_CERTS for a private one. */
  @Transform(toBoolean)
  @IsBoolean({ message: 'KAFKA_SSL must be true or false' })
  KAFKA_SSL = false;

  /** Replicas of each topic the services create; production default 3 (see replicationFactor). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(16)
  KAFKA_REPLICATION_FACTOR?: number;

  /** A single-broker production (a demo) must say so: a replication factor of 1 loses data with a disk. */
  @Transform(toBoolean)
  @IsBoolean({ message: 'KAFKA_ALLOW_SINGLE_REPLICA must be true or false' })
  KAFKA_ALLOW_SINGLE_REPLICA = false;

  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  get sasl(): SASLOptions | undefined {
    if (!this.KAFKA_SASL_MECHANISM || !this.KAFKA_SASL_USERNAME || !this.KAFKA_SASL_PASSWORD)
      return undefined;
    return {
      mechanism: this.KAFKA_SASL_MECHANISM,
      username: this.KAFKA_SASL_USERNAME,
      password: this.KAFKA_SASL_PASSWORD,
    } as SASLOptions;
  }

  /** Topics are created with 3 replicas in production and 1 elsewhere, unless KAFKA_REPLICATION_FACTOR says. */
  get replicationFactor(): number {
    return this.KAFKA_REPLICATION_FACTOR ?? (this.NODE_ENV === 'production' ? 3 : 1);
  }
}

const KEYS = [
  'KAFKA_SASL_MECHANISM',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
  'KAFKA_SSL',
  'KAFKA_REPLICATION_FACTOR',
  'KAFKA_ALLOW_SINGLE_REPLICA',
  'NODE_ENV',
] as const;

/** Reads and checks the Kafka settings; one error names every bad or inconsistent one. */
export function loadKafkaSettings(env: NodeJS.ProcessEnv = process.env): KafkaSettings {
  const settings = validateEnv(KafkaSettings, KEYS, env);
  const problems: string[] = [];
  const sasl = ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const;
  const given = sasl.filter((key) => settings[key] !== undefined);
  if (given.length > 0 && given.length < sasl.length) {
    const missing = sasl.filter((key) => settings[key] === undefined);
    problems.push(`${missing.join(', ')}: required with ${given.join(', ')} (SASL needs all three)`);
  }
  if (
    settings.NODE_ENV === 'production' &&
    settings.replicationFactor < 2 &&
    !settings.KAFKA_ALLOW_SINGLE_REPLICA
  ) {
    problems.push(
      'KAFKA_REPLICATION_FACTOR: 1 loses acknowledged events with one broker in production; use 3 (min.insync.replicas 2), or set KAFKA_ALLOW_SINGLE_REPLICA=true for a single-broker demo',
    );
  }
  if (problems.length > 0)
    throw new ConfigError(`Invalid configuration (KafkaSettings):\n  ${problems.join('\n  ')}`);
  return settings;
}
