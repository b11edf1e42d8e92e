import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);
const toNumber = toInt;

/** Every setting a service reads, validated once at boot. Names match docker-compose.yml and deploy/local. */
export class ServiceConfig {
  @IsString()
  @IsNotEmpty()
  serviceName: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number;

  @IsString()
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port...]' })
  KAFKA_BROKERS = '127.0.0.1:9092';

  @IsString()
  @Matches(/^mongodb(\+srv)?:\/\//, { message: 'MONGO_URI must start with mongodb://' })
  MONGO_URI = 'mongodb://127.0.0.1:27017';

  /** Each service owns one database; tests give every run its own prefix. */
  @IsString()
  @Matches(/^[a-zA-Z0-9_]*$/)
  MONGO_DB_PREFIX = 'tongguan_';

  /** Connections per process; the store keeps single-document writes atomic across all of them. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  MONGO_POOL_SIZE = 10;

  /**
   * How long a consumer remembers an event it handled (its inbox), in hours. It must outlast any
   * redelivery: the topics' retention (24 h locally) and the longest a consumer group may lag.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  INBOX_RETENTION_HOURS = 168;

  /** Prefix for every topic name, so test runs never see each other's messages. */
  @IsString()
  @Matches(/^[a-zA-Z0-9._-]*$/)
  TOPIC_PREFIX = '';

  @Transform(toInt)
  @IsInt()
  @IsPositive()
  TOPIC_PARTITIONS = 6;

  @IsString()
  @IsNotEmpty()
  JWT_SECRET = 'tongguan-local-development-secret';

  @IsIn(['development', 'test', 'production'])
  NODE_ENV = 'development';

  @IsOptional()
  @IsString()
  CLOCK_EPOCH?: string;

  @IsOptional()
  @Transform(toNumber)
  @IsPositive()
  CLOCK_SPEED?: number;

  @IsOptional()
  @IsString()
  CLOCK_ANCHOR?: string;

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL = 'log';

  get mongoDbName(): string {
    return `${this.MONGO_DB_PREFIX}${this.serviceName.replace(/-/g, '_')}`;
  }

  get kafkaBrokers(): string[] {
    return this.KAFKA_BROKERS.split(',');
  }
}

export class ConfigError extends Error {}

/**
 * Builds a typed config object from the environment keys it declares and validates it; throws one
 * error naming every bad setting so an operator fixes them all at once.
 */
export function validateEnv<T extends object>(
  cls: new () => T,
  keys: readonly string[],
  env: NodeJS.ProcessEnv,
  fixed: Record<string, unknown> = {},
): T {
  const raw: Record<string, unknown> = { ...fixed };
  for (const key of keys) {
    if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  }
  const config = plainToInstance(cls, raw);
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration (${cls.name}):\n  ${lines.join('\n  ')}`);
  }
  return config;
}

const SERVICE_KEYS = [
  'PORT',
  'KAFKA_BROKERS',
  'MONGO_URI',
  'MONGO_DB_PREFIX',
  'MONGO_POOL_SIZE',
  'INBOX_RETENTION_HOURS',
  'TOPIC_PREFIX',
  'TOPIC_PARTITIONS',
  'JWT_SECRET',
  'NODE_ENV',
  'CLOCK_EPOCH',
  'CLOCK_SPEED',
  'CLOCK_ANCHOR',
  'LOG_LEVEL',
] as const;

/** Reads and validates the settings every service shares. */
export function loadServiceConfig(
  serviceName: string,
  defaultPort: number,
  env: NodeJS.ProcessEnv = process.env,
): ServiceConfig {
  const config = validateEnv(ServiceConfig, SERVICE_KEYS, env, { serviceName, PORT: String(defaultPort) });
  if (config.NODE_ENV === 'production' && env.JWT_SECRET === undefined) {
    throw new ConfigError(`Invalid configuration for ${serviceName}: JWT_SECRET must be set in production`);
  }
  return config;
}
