import { Injectable } from '@nestjs/common';
import { Clock, HOUR_MS } from '@tongguan/clock';
import { MonitorConfig } from '../monitor-config';
import { TimelineRepository } from '../timelines/timeline.repository';
import { stageTimesFromSamples, type StageTimes } from './completion-prediction';

/** Recent history the medians come from: the latest releases within this many business days. */
const HISTORY_DAYS = 14;
const HISTORY_LIMIT = 2000;
/** Real milliseconds a computed set of medians is reused before it is read again. */
const REFRESH_MS = 15_000;

/**
 * The median stage times of recently released shipments, per channel, refreshed every few seconds:
 * exact over a bounded window, the latest HISTORY_LIMIT releases within HISTORY_DAYS, which the
 * timelines' fold keeps as it folds each release (so a refresh reads the window, not every timeline).
 */
@Injectable()
export class StageTimesService {
  private cached: { times: StageTimes; at: number } | null = null;
  private loading: Promise<StageTimes> | null = null;

  constructor(
    private readonly timelines: TimelineRepository,
    private readonly clock: Clock,
    private readonly config: MonitorConfig,
  ) {}

  async current(): Promise<StageTimes> {
    // real time on purpose: the refresh rate is about database load, not business time
    if (this.cached && Date.now() - this.cached.at < REFRESH_MS) return this.cached.times;
    this.loading ??= this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  private async load(): Promise<StageTimes> {
    const since = new Date(this.clock.nowMs() - HISTORY_DAYS * 24 * HOUR_MS);
    const released = await this.timelines.releasedSince(since, HISTORY_LIMIT);
    const times = stageTimesFromSamples(released, this.config.SLA_TARGET_HOURS);
    this.cached = { times, at: Date.now() };
    return times;
  }
}
