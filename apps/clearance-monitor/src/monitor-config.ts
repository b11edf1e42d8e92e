import { Transform } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsUrl, Max, Min } from 'class-validator';
import { validateEnv } from '@tongguan/config';

const toNumber = ({ value }: { value: unknown }) => Number(value);

/** The clearance target the reform promised and the baseline it started from, both configurable. */
export class MonitorConfig {
  @Transform(toNumber) @IsNumber() @Min(0.1) @Max(1000) SLA_TARGET_HOURS = 20;
  @Transform(toNumber) @IsNumber() @Min(0.1) @Max(1000) SLA_BASELINE_HOURS = 70;
  /** Share of the target after which a shipment in flight counts as at risk whatever the prediction says. */
  @Transform(toNumber) @IsNumber() @Min(0.1) @Max(1) SLA_AT_RISK_RATIO = 0.75;
  @Transform(toNumber) @IsNumber() @Min(50) @Max(600_000) SLA_SCAN_MS = 1000;
  /** Where SLA alerts are POSTed as JSON (CloudEvents structured mode); unset: Kafka only. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  SLA_ALERT_WEBHOOK_URL?: string;
  /** POSTs per alert before it is given up (logged and counted as failed). */
  @Transform(toNumber) @IsInt() @Min(1) @Max(20) SLA_ALERT_WEBHOOK_ATTEMPTS = 5;
  /** Real milliseconds before the first retry; each later retry waits twice as long. */
  @Transform(toNumber) @IsInt() @Min(10) @Max(600_000) SLA_ALERT_WEBHOOK_BACKOFF_MS = 1000;
  @Transform(toNumber) @IsInt() @Min(100) @Max(60_000) SLA_ALERT_WEBHOOK_TIMEOUT_MS = 5000;

  static fromEnv(env = process.env): MonitorConfig {
    return validateEnv(
      MonitorConfig,
      [
        'SLA_TARGET_HOURS',
        'SLA_BASELINE_HOURS',
        'SLA_AT_RISK_RATIO',
        'SLA_SCAN_MS',
        'SLA_ALERT_WEBHOOK_URL',
        'SLA_ALERT_WEBHOOK_ATTEMPTS',
        'SLA_ALERT_WEBHOOK_BACKOFF_MS',
        'SLA_ALERT_WEBHOOK_TIMEOUT_MS',
      ],
      env,
    );
  }
}
