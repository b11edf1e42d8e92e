import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DomainError } from '@tongguan/platform';
import type { FilterQuery, Model } from 'mongoose';
import { MonitorConfig } from '../monitor-config';
import { Timeline } from '../timelines/timeline.schema';
import { clearanceSeries, clearanceStatistics, type MeasuredShipment } from './clearance-statistics';
import type { Window } from './stats.query';

/** More released shipments than this in one window is refused (narrow the window) rather than slow. */
export const MAX_SHIPMENTS_PER_WINDOW = 50_000;

/**
 * Statistics over released shipments. FerretDB computes only one accumulator per $group and none of
 * the percentile operators, so the service reads a projection of the window and computes in Node.
 */
@Injectable()
export class StatsService {
  constructor(
    @InjectModel(Timeline.name) private readonly timelines: Model<Timeline>,
    private readonly config: MonitorConfig,
  ) {}

  async clearance(window: Window) {
    const shipments = await this.releasedIn(window);
    return {
      from: new Date(window.fromMs).toISOString(),
      to: window.toMs === null ? null : new Date(window.toMs).toISOString(),
      baselineHours: this.config.SLA_BASELINE_HOURS,
      ...clearanceStatistics(shipments, this.config.SLA_TARGET_HOURS),
    };
  }

  async series(window: { fromMs: number; toMs: number }, bucketMinutes: number) {
    const shipments = await this.releasedIn(window);
    return {
      from: new Date(window.fromMs).toISOString(),
      to: new Date(window.toMs).toISOString(),
      bucketMinutes,
      targetHours: this.config.SLA_TARGET_HOURS,
      buckets: clearanceSeries(shipments, window.fromMs, window.toMs, bucketMinutes),
    };
  }

  private async releasedIn(window: Window): Promise<MeasuredShipment[]> {
    const releasedAt: FilterQuery<Timeline> = {
      $exists: true,
      $gte: new Date(window.fromMs),
      ...(window.toMs === null ? {} : { $lt: new Date(window.toMs) }),
    };
    const filter = { releasedAt };
    const count = await this.timelines.countDocuments(filter);
    if (count > MAX_SHIPMENTS_PER_WINDOW) {
      throw new DomainError(
        'STATS.WINDOW_TOO_LARGE',
        `the window holds ${count} released shipments, more than ${MAX_SHIPMENTS_PER_WINDOW}: narrow it`,
        HttpStatus.BAD_REQUEST,
        [
          {
            path: 'from',
            code: 'WINDOW_TOO_LARGE',
            message: `at most ${MAX_SHIPMENTS_PER_WINDOW} shipments`,
          },
        ],
      );
    }
    return this.timelines.find(filter, { stamps: 1, channel: 1, greenChannel: 1 }).lean();
  }
}
