import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { validateEnv } from '@tongguan/config';

const toNumber = ({ value }: { value: unknown }) => Number(value);

/** The supervision of the agencies: the rolling window their share within limit is held to its target over. */
export class ScorecardConfig {
  /** Business hours of the rolling window of the Prometheus ratios and the below-target alerts. */
  @Transform(toNumber) @IsInt() @Min(1) @Max(8784) AGENCY_SCORECARD_WINDOW_HOURS = 168;
  /** Decisions an agency needs in the window before falling under its target raises the alert. */
  @Transform(toNumber) @IsInt() @Min(1) @Max(100_000) AGENCY_SCORECARD_MIN_DECISIONS = 5;
  /** Real milliseconds between two checks of the window (gauges and alerts). */
  @Transform(toNumber) @IsInt() @Min(100) @Max(3_600_000) AGENCY_SCORECARD_REFRESH_MS = 15_000;

  static fromEnv(env = process.env): ScorecardConfig {
    return validateEnv(
      ScorecardConfig,
      ['AGENCY_SCORECARD_WINDOW_HOURS', 'AGENCY_SCORECARD_MIN_DECISIONS', 'AGENCY_SCORECARD_REFRESH_MS'],
      env,
    );
  }
}
