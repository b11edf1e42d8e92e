import { Transform } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ConfigError, validateEnv } from '@tongguan/config';
import { parseAllowList } from './webhook-targets/address-policy';

const toNumber = ({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value);

/** The agency-feed settings of port-exchange, validated once at boot (shared ones live in ServiceConfig). */
export class FeedsConfig {
  /** Attempts of one webhook delivery before it is dead-lettered. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(100)
  FEED_MAX_ATTEMPTS = 8;

  /** Real ms before the first retry; each further retry doubles it, up to FEED_BACKOFF_CAP_MS. */
  @Transform(toNumber)
  @IsInt()
  @Min(10)
  @Max(86_400_000)
  FEED_BACKOFF_BASE_MS = 5_000;

  /** Longest real wait between two attempts. */
  @Transform(toNumber)
  @IsInt()
  @Min(10)
  @Max(7 * 86_400_000)
  FEED_BACKOFF_CAP_MS = 3_600_000;

  /** Share of each wait drawn at random (0 = none, 0.5 = up to half shorter), so retries do not stampede. */
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  FEED_BACKOFF_JITTER = 0.2;

  /** Real ms a receiver has to answer one delivery. */
  @Transform(toNumber)
  @IsInt()
  @Min(100)
  @Max(120_000)
  FEED_REQUEST_TIMEOUT_MS = 10_000;

  /** Real ms a claimed delivery stays with its instance; after that another instance may send it again. */
  @Transform(toNumber)
  @IsInt()
  @Min(1_000)
  @Max(3_600_000)
  FEED_LEASE_MS = 60_000;

  /** Real ms between two looks for new events and due deliveries (appends also wake the dispatcher). */
  @Transform(toNumber)
  @IsInt()
  @Min(10)
  @Max(60_000)
  FEED_POLL_MS = 1_000;

  /** Deliveries one instance sends at the same time. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(256)
  FEED_DISPATCH_CONCURRENCY = 8;

  /** Active subscriptions one party may hold. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(1_000)
  FEED_MAX_SUBSCRIPTIONS_PER_PARTY = 20;

  /** Hours the previous signing secret still signs (beside the new one) after a rotation. */
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(720)
  FEED_SECRET_GRACE_HOURS = 24;

  /** Real ms between two keep-alive comments on an idle event stream (proxies close silent connections). */
  @Transform(toNumber)
  @IsInt()
  @Min(1_000)
  @Max(300_000)
  FEED_STREAM_HEARTBEAT_MS = 15_000;

  /**
   * Log entries one pull-feed page or stream read looks at: a filter that matches little (a narrow type,
   * one shipment, an importer's own) stops there and answers hasMore, so no request walks the whole log.
   */
  @Transform(toNumber)
  @IsInt()
  @Min(100)
  @Max(1_000_000)
  FEED_MAX_SCAN_PER_READ = 10_000;

  /** Event streams one party may hold open at once, over every instance (one more is a 429). */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(100)
  FEED_MAX_STREAMS_PER_PARTY = 5;

  /** Real ms a stream's place stays taken without renewal (a crashed instance's streams free theirs after it). */
  @Transform(toNumber)
  @IsInt()
  @Min(3_000)
  @Max(600_000)
  FEED_STREAM_LEASE_MS = 30_000;

  /**
   * Host names webhooks may reach even when they resolve to a loopback, private or otherwise internal
   * address (comma-separated); for an operator's own receivers. Empty: none.
   */
  @IsOptional()
  @IsString()
  @MaxLength(4_000)
  WEBHOOK_ALLOWED_HOSTS = '';

  /** Addresses or CIDRs (comma-separated, e.g. 10.20.0.0/16,127.0.0.1) webhooks may reach despite the rules. */
  @IsOptional()
  @IsString()
  @MaxLength(4_000)
  WEBHOOK_ALLOWED_CIDRS = '';
}

const KEYS = [
  'FEED_MAX_ATTEMPTS',
  'FEED_BACKOFF_BASE_MS',
  'FEED_BACKOFF_CAP_MS',
  'FEED_BACKOFF_JITTER',
  'FEED_REQUEST_TIMEOUT_MS',
  'FEED_LEASE_MS',
  'FEED_POLL_MS',
  'FEED_DISPATCH_CONCURRENCY',
  'FEED_MAX_SUBSCRIPTIONS_PER_PARTY',
  'FEED_SECRET_GRACE_HOURS',
  'FEED_STREAM_HEARTBEAT_MS',
  'FEED_MAX_SCAN_PER_READ',
  'FEED_MAX_STREAMS_PER_PARTY',
  'FEED_STREAM_LEASE_MS',
  'WEBHOOK_ALLOWED_HOSTS',
  'WEBHOOK_ALLOWED_CIDRS',
] as const;

/** Throws a ConfigError naming every bad setting at once, including settings that contradict each other. */
export function loadFeedsConfig(env: NodeJS.ProcessEnv = process.env): FeedsConfig {
  const config = validateEnv(FeedsConfig, KEYS, env);
  const conflicts: string[] = [];
  if (config.FEED_BACKOFF_CAP_MS < config.FEED_BACKOFF_BASE_MS) {
    conflicts.push('FEED_BACKOFF_CAP_MS must not be below FEED_BACKOFF_BASE_MS');
  }
  if (config.FEED_LEASE_MS <= config.FEED_REQUEST_TIMEOUT_MS) {
    // a lease shorter than a request would let a second instance resend while the first still waits
    conflicts.push('FEED_LEASE_MS must be longer than FEED_REQUEST_TIMEOUT_MS');
  }
  conflicts.push(...parseAllowList(config.WEBHOOK_ALLOWED_HOSTS, config.WEBHOOK_ALLOWED_CIDRS).problems);
  if (conflicts.length > 0) {
    throw new ConfigError(`Invalid configuration (FeedsConfig):\n  ${conflicts.join('\n  ')}`);
  }
  return config;
}
