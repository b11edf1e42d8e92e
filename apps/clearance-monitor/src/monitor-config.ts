import { Transform } from 'class-transformer';
import { IsNumber, Max, Min } from 'class-validator';
import { validateEnv } from '@tongguan/config';

const toNumber = ({ value }: { value: unknown }) => Number(value);

/** The clearance target the reform promised and the baseline it started from, both configurable. */
export class MonitorConfig {
  @Transform(toNumber) @IsNumber() @Min(0.1) @Max(1000) SLA_TARGET_HOURS = 20;
  @Transform(toNumber) @IsNumber() @Min(0.1) @Max(1000) SLA_BASELINE_HOURS = 70;
  /** Share of the target after which a shipment in flight counts as at risk. */
  @Transform(toNumber) @IsNumber() @Min(0.1) @Max(1) SLA_AT_RISK_RATIO = 0.75;
  @Transform(toNumber) @IsNumber() @Min(50) @Max(600_000) SLA_SCAN_MS = 1000;

  static fromEnv(env = process.env): MonitorConfig {
    return validateEnv(
      MonitorConfig,
      ['SLA_TARGET_HOURS', 'SLA_BASELINE_HOURS', 'SLA_AT_RISK_RATIO', 'SLA_SCAN_MS'],
      env,
    );
  }
}
