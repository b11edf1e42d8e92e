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

/** What JWT_SECRET is when unset, outside production: it signs the tokens of scripts/token.js. */
export const LOCAL_DEVELOPMENT_SECRET = 'tongguan-local-development-secret';
/** An HS256 secret shorter than the hash (32 bytes) can be guessed offline from one token. */
const MIN_SECRET_BYTES = 32;
const MAX_LIFETIME_SECONDS = 30 * 86_400;

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

  /**
   * How often the consumer lag, outbox backlog and inbox size on /metrics are refreshed, in seconds:
   * a few admin requests and store counts each time, never a scan.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  METRICS_REFRESH_SECONDS = 15;

  /** Prefix for every topic name, so test runs never see each other's messages. */
  @IsString()
  @Matches(/^[a-zA-Z0-9._-]*$/)
  TOPIC_PREFIX = '';

  @Transform(toInt)
  @IsInt()
  @IsPositive()
  TOPIC_PARTITIONS = 6;

  /**
   * Partitions a service's consumer works on at once (each in order, its batch after batch). Every
   * event waits on a few store round trips, so a consumer working three of its up to 24 partitions
   * (4 topics of 6) at a time fell behind at 10 shipments/s while its process was mostly idle.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  CONSUMER_CONCURRENCY = 12;

  @IsString()
  @IsNotEmpty()
  JWT_SECRET = LOCAL_DEVELOPMENT_SECRET;

  /** The longest a bearer token may live: seconds, or with a unit (30m, 24h, 7d); at most 30 days. */
  @Matches(/^\d{1,9}\s*[smhd]?$/, {
    message: 'JWT_MAX_LIFETIME must be seconds or a duration like 24h, 90m, 7d',
  })
  JWT_MAX_LIFETIME = '24h';

  /**
   * Rate limits of one instance: requests one party (the token's party, else the caller's IP) may make
   * in a window. Generous by default: the heaviest party of bench/pipeline.js at 50 shipments/s (the
   * terminal, three calls per shipment) makes 150 requests a second to port-exchange.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  RATE_LIMIT_WINDOW_SECONDS = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_PARTY = 3000;

  /** Requests without a valid token, per IP and window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_ANONYMOUS = 600;

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

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  /** json: one JSON object a line, for collectors; text: Nest's console format, for a terminal. */
  @IsOptional()
  @IsIn(['json', 'text'])
  LOG_FORMAT?: 'json' | 'text';

  /** JSON in production (and wherever LOG_FORMAT says so), text for a developer's terminal. */
  get logFormat(): 'json' | 'text' {
    return this.LOG_FORMAT ?? (this.NODE_ENV === 'production' ? 'json' : 'text');
  }

  get jwtMaxLifetimeSeconds(): number {
    return parseLifetime(this.JWT_MAX_LIFETIME) ?? 0;
  }

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
  'METRICS_REFRESH_SECONDS',
  'TOPIC_PREFIX',
  'TOPIC_PARTITIONS',
  'CONSUMER_CONCURRENCY',
  'JWT_SECRET',
  'JWT_MAX_LIFETIME',
  'RATE_LIMIT_WINDOW_SECONDS',
  'RATE_LIMIT_PER_PARTY',
  'RATE_LIMIT_ANONYMOUS',
  'NODE_ENV',
  'CLOCK_EPOCH',
  'CLOCK_SPEED',
  'CLOCK_ANCHOR',
  'LOG_LEVEL',
  'LOG_FORMAT',
] as const;

/** Reads and validates the settings every service shares. */
export function loadServiceConfig(
  serviceName: string,
  defaultPort: number,
  env: NodeJS.ProcessEnv = process.env,
): ServiceConfig {
  const config = validateEnv(ServiceConfig, SERVICE_KEYS, env, { serviceName, PORT: String(defaultPort) });
  const problems = [...secretProblems(config.NODE_ENV, env.JWT_SECRET)];
  const lifetime = parseLifetime(config.JWT_MAX_LIFETIME);
  if (lifetime === null || lifetime > MAX_LIFETIME_SECONDS) {
    problems.push('JWT_MAX_LIFETIME must be between 1 second and 30 days');
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration for ${serviceName}:\n  ${problems.join('\n  ')}`);
  }
  return config;
}

/**
 * In production the secret must be set, not empty (validateEnv would otherwise fall back to the
 * development secret everyone knows), not that secret, and long enough not to be guessed.
 */
function secretProblems(nodeEnv: string, secret: string | undefined): string[] {
  if (nodeEnv !== 'production') return [];
  if (secret === undefined || secret.trim() === '') return ['JWT_SECRET must be set in production'];
  if (secret === LOCAL_DEVELOPMENT_SECRET) {
    return ['JWT_SECRET must not be the local development secret in production'];
  }
  if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
    return [`JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes in production`];
  }
  return [];
}

/**
 * Reads a duration setting: seconds ("86400") or a number with a unit ("24h", "90m", "3600s", "7d").
 * Null when it is not one of those, or zero.
 */
export function parseLifetime(value: string): number | null {
  const match = /^(\d{1,9})\s*([smhd]?)$/.exec(value.trim());
  if (!match) return null;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  const seconds = Number(match[1]) * unit;
  return seconds > 0 ? seconds : null;
}
