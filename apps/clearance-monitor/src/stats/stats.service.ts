import { HttpStatus, Injectable } from '@nestjs/common';
import { DomainError } from '@tongguan/platform';
import { MonitorConfig } from '../monitor-config';
import { TimelineRepository } from '../timelines/timeline.repository';
import { clearanceSeries, clearanceStatistics, type MeasuredShipment } from './clearance-statistics';
import type { Window } from './stats.query';

/** More released shipments than this in one window is refused (narrow the window) rather than slow. */
export const MAX_SHIPMENTS_PER_WINDOW = 50_000;

/**
 * Statistics over released shipments: the service reads the stamps of the window's shipments and
 * computes in Node, where the percentiles and the series are plain, tested functions
 * (clearance-statistics). A window is a range of release times, so the read scans: it serves people.
 */
@Injectable()
export class StatsService {
  constructor(
    private readonly timelines: TimelineRepository,
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
    const range = {
      from: new Date(window.fromMs),
      to: window.toMs === null ? null : new Date(window.toMs),
    };
    const count = await this.timelines.countReleasedIn(range);
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
    return this.timelines.releasedIn(range);
  }
}
