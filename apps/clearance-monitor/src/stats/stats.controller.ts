import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { ApiBusinessRules, ApiQueryFrom } from '@tongguan/platform';
import { validQuery } from '../common/query-validation';
import { StatsService } from './stats.service';
import {
  ClearanceSeriesQuery,
  ClearanceStatsQuery,
  MAX_WINDOW_DAYS,
  seriesProblems,
  seriesWindow,
  statsWindow,
  windowProblems,
} from './stats.query';

const INVALID = {
  description: 'Every problem of the query at once: { code, message, errors: [{ path, code, message }] }',
};

@ApiTags('statistics')
@Controller('v1/stats')
export class StatsController {
  constructor(
    private readonly stats: StatsService,
    private readonly clock: Clock,
  ) {}

  @Get('clearance')
  @Roles('ops')
  @ApiOperation({
    summary: 'Time Release Study aggregate of shipments released in [from, to)',
    description:
      `count, meanHours, p50/p90/p99Hours, withinTargetRatio, targetHours, baselineHours; byStage (hours of ` +
      `filing, risk, inspection, payment, release, each less the time it waited for the trader, and trader: ` +
      `the waits for the trader's notice answers and payments); byChannel, byGreenChannel, byAgency (the ` +
      `agency of the longest stage, importer for the trader's waits), byDay (UTC release day) and byDirection ` +
      `(import: arrival → release; export: arrival of the goods at the port, the export gate-in → release for ` +
      `loading, and departure: gate-in → the vessel's departure). ` +
      `from defaults to ${MAX_WINDOW_DAYS} days before to (or now), ` +
      `to to open-ended; the window may span at most ${MAX_WINDOW_DAYS} days.`,
  })
  @ApiQueryFrom(ClearanceStatsQuery)
  @ApiBadRequestResponse(INVALID)
  @ApiBusinessRules(
    'the window must have from before to and span at most 366 days (REQUEST.INVALID_QUERY)',
    400,
  )
  clearance(@Query() raw: Record<string, unknown>) {
    const nowMs = this.clock.nowMs();
    const query = validQuery(ClearanceStatsQuery, raw, (q) => windowProblems(q.from, q.to, nowMs));
    return this.stats.clearance(statsWindow(query, nowMs));
  }

  @Get('clearance/series')
  @Roles('ops')
  @ApiOperation({
    summary: 'Clearance time over the day: released shipments bucketed by release time',
    description:
      '{ buckets: [{ start, count, p50Hours, p90Hours }] }; by default the last 24 hours in 60-minute buckets.',
  })
  @ApiQueryFrom(ClearanceSeriesQuery)
  @ApiBadRequestResponse(INVALID)
  @ApiBusinessRules(
    'the window must have from before to and span at most 366 days, in at most 1000 buckets (REQUEST.INVALID_QUERY)',
    400,
  )
  series(@Query() raw: Record<string, unknown>) {
    const nowMs = this.clock.nowMs();
    const query = validQuery(ClearanceSeriesQuery, raw, (q) => seriesProblems(q, nowMs));
    return this.stats.series(seriesWindow(query, nowMs), query.bucketMinutes ?? 60);
  }
}
