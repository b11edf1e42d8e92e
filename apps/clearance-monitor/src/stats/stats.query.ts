import { ApiPropertyOptional } from '@nestjs/swagger';
import type { FieldProblem } from '@tongguan/contracts';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, Max, Min } from 'class-validator';

const HOUR_MS = 3_600_000;
/** The widest window one request may aggregate (statistics are computed in the service from a projection). */
export const MAX_WINDOW_DAYS = 366;
export const MAX_SERIES_BUCKETS = 1000;

export class ClearanceStatsQuery {
  @ApiPropertyOptional({
    description: `Window start (RFC 3339, business time) on the release stamp; default ${MAX_WINDOW_DAYS} days before the end (or now)`,
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Window end, exclusive; default open-ended' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class ClearanceSeriesQuery extends ClearanceStatsQuery {
  @ApiPropertyOptional({ default: 60, minimum: 1, maximum: 1440, description: 'Bucket width in minutes' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1440)
  bucketMinutes?: number;
}

export interface Window {
  fromMs: number;
  toMs: number | null;
}

/** Problems of a window whose fields parsed: order, and width (an open end counts up to now). */
export function windowProblems(
  from: string | undefined,
  to: string | undefined,
  nowMs: number,
): FieldProblem[] {
  const fromMs = from ? Date.parse(from) : NaN;
  const toMs = to ? Date.parse(to) : nowMs;
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) return [];
  if (to && fromMs >= toMs)
    return [{ path: 'from', code: 'WINDOW_INVALID', message: 'from must be before to' }];
  if (toMs - fromMs > MAX_WINDOW_DAYS * 24 * HOUR_MS) {
    return [
      {
        path: 'to',
        code: 'WINDOW_TOO_WIDE',
        message: `the window may span at most ${MAX_WINDOW_DAYS} days`,
      },
    ];
  }
  return [];
}

/** The statistics window: [from, to), from defaulting to MAX_WINDOW_DAYS before the end (or now). */
export function statsWindow(query: ClearanceStatsQuery, nowMs: number): Window {
  const toMs = query.to ? Date.parse(query.to) : null;
  const fromMs = query.from ? Date.parse(query.from) : (toMs ?? nowMs) - MAX_WINDOW_DAYS * 24 * HOUR_MS;
  return { fromMs, toMs };
}

/** The series window: [from, to), by default the 24 hours up to now. */
export function seriesWindow(query: ClearanceSeriesQuery, nowMs: number): { fromMs: number; toMs: number } {
  const toMs = query.to ? Date.parse(query.to) : nowMs;
  const fromMs = query.from ? Date.parse(query.from) : toMs - 24 * HOUR_MS;
  return { fromMs, toMs };
}

export function seriesProblems(query: ClearanceSeriesQuery, nowMs: number): FieldProblem[] {
  const problems = windowProblems(query.from, query.to, nowMs);
  const { fromMs, toMs } = seriesWindow(query, nowMs);
  const minutes = query.bucketMinutes ?? 60;
  if (problems.length === 0 && Number.isInteger(minutes) && minutes >= 1) {
    if (fromMs >= toMs)
      problems.push({ path: 'from', code: 'WINDOW_INVALID', message: 'from must be before to' });
    else if ((toMs - fromMs) / (minutes * 60_000) > MAX_SERIES_BUCKETS) {
      problems.push({
        path: 'bucketMinutes',
        code: 'TOO_MANY_BUCKETS',
        message: `the window holds more than ${MAX_SERIES_BUCKETS} buckets of ${minutes} minutes: widen the buckets or narrow the window`,
      });
    }
  }
  return problems;
}
