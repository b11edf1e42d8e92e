import { ApiPropertyOptional } from '@nestjs/swagger';
import { AGENCY_ID_PATTERN, type FieldProblem } from '@tongguan/contracts';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { windowProblems } from '../stats/stats.query';

const HOUR_MS = 3_600_000;

export class ScorecardsQuery {
  @ApiPropertyOptional({
    description:
      'Window start (RFC 3339, business time) on the decision time; default AGENCY_SCORECARD_WINDOW_HOURS before the end',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Window end, exclusive; default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'One agency of the registry (a supervisor sees only its own)' })
  @IsOptional()
  @Matches(AGENCY_ID_PATTERN, { message: 'agency must be an agency id of the registry (lower case)' })
  agency?: string;
}

/** The window [from, to): to defaults to now, from to `defaultHours` before to. */
export function scorecardWindow(
  query: ScorecardsQuery,
  nowMs: number,
  defaultHours: number,
): { fromMs: number; toMs: number } {
  const toMs = query.to ? Date.parse(query.to) : nowMs;
  const fromMs = query.from ? Date.parse(query.from) : toMs - defaultHours * HOUR_MS;
  return { fromMs, toMs };
}

/** Problems of a query whose fields parsed: the window's order and width, and an agency the registry knows. */
export function scorecardProblems(
  query: ScorecardsQuery,
  nowMs: number,
  defaultHours: number,
  isAgency: (id: string) => boolean,
): FieldProblem[] {
  const problems = windowProblems(query.from, query.to, nowMs);
  const { fromMs, toMs } = scorecardWindow(query, nowMs, defaultHours);
  if (problems.length === 0 && !Number.isNaN(fromMs) && !Number.isNaN(toMs) && fromMs >= toMs) {
    problems.push({ path: 'from', code: 'WINDOW_INVALID', message: 'from must be before to' });
  }
  if (query.agency && AGENCY_ID_PATTERN.test(query.agency) && !isAgency(query.agency)) {
    problems.push({
      path: 'agency',
      code: 'AGENCY_UNKNOWN',
      message: `${query.agency} is not an agency of the registry (GET /v1/agencies lists them)`,
    });
  }
  return problems;
}
