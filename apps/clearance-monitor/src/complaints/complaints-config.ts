import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { validateEnv } from '@tongguan/config';

const toNumber = ({ value }: { value: unknown }) => Number(value);

/** The complaint centre's settings (the limits themselves are the agencies', in config/agencies.json). */
export class ComplaintsConfig {
  /** Real ms between two sweeps for complaints past their limit. */
  @Transform(toNumber) @IsInt() @Min(50) @Max(600_000) COMPLAINT_SWEEP_MS = 5000;
  /** Days after its answer within which an importer may reopen a complaint (once). */
  @Transform(toNumber) @IsInt() @Min(1) @Max(365) COMPLAINT_REOPEN_DAYS = 7;

  static fromEnv(env = process.env): ComplaintsConfig {
    return validateEnv(ComplaintsConfig, ['COMPLAINT_SWEEP_MS', 'COMPLAINT_REOPEN_DAYS'], env);
  }
}
