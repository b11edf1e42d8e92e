import { Controller, Get, HttpStatus, Query } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tongguan/auth';
import { DomainError } from '@tongguan/platform';
import type { FilterQuery, Model } from 'mongoose';
import { MonitorConfig } from '../monitor-config';
import { Timeline } from '../timelines/timeline.schema';
import { clearanceStatistics } from './clearance-statistics';
import { ClearanceStatsQuery } from './stats.query';

@ApiTags('statistics')
@Controller('v1/stats')
export class StatsController {
  constructor(
    @InjectModel(Timeline.name) private readonly timelines: Model<Timeline>,
    private readonly config: MonitorConfig,
  ) {}

  @Get('clearance')
  @Roles('ops')
  @ApiOperation({ summary: 'Time Release Study aggregate of shipments released in [from, to)' })
  async clearance(@Query() query: ClearanceStatsQuery) {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from >= to) {
      throw new DomainError(
        'STATS.WINDOW_INVALID',
        'from must be before to',
        HttpStatus.UNPROCESSABLE_ENTITY,
        [{ path: 'from', code: 'WINDOW_INVALID', message: 'from must be before to' }],
      );
    }
    const released: FilterQuery<Timeline> = {
      $exists: true,
      ...(from ? { $gte: from } : {}),
      ...(to ? { $lt: to } : {}),
    };
    const shipments = await this.timelines
      .find({ releasedAt: released }, { stamps: 1, channel: 1, greenChannel: 1 })
      .lean();
    return {
      from: from?.toISOString() ?? null,
      to: to?.toISOString() ?? null,
      baselineHours: this.config.SLA_BASELINE_HOURS,
      ...clearanceStatistics(shipments, this.config.SLA_TARGET_HOURS),
    };
  }
}
