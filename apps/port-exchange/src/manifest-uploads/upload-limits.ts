import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { validateEnv } from '@tongguan/config';

const toNumber = ({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value);

/** Bounds of a manifest upload, validated once at boot: what one file may cost the service and its caller. */
export class UploadLimits {
  /** B/Ls (rows) in one file; more is a 413 MANIFEST_UPLOAD.TOO_MANY_ROWS, nothing stored. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  MANIFEST_UPLOAD_MAX_ROWS = 100_000;

  /** Problems listed in the report (the first ones, in row order); the counts always cover them all. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(100_000)
  MANIFEST_UPLOAD_MAX_REPORTED_PROBLEMS = 1_000;
}

export function loadUploadLimits(env: NodeJS.ProcessEnv = process.env): UploadLimits {
  return validateEnv(
    UploadLimits,
    ['MANIFEST_UPLOAD_MAX_ROWS', 'MANIFEST_UPLOAD_MAX_REPORTED_PROBLEMS'],
    env,
  );
}
