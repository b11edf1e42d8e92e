import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AgencyRegistry } from '@tongguan/agencies';
import { Clock, HOUR_MS } from '@tongguan/clock';
import { PeriodicJob } from '@tongguan/platform';
import { MonitorUpdates } from '../live/monitor-updates';
import { agencyMetrics } from '../metrics/agency-metrics';
import { AgencyDecisionRepository } from './agency-decision.repository';
import { AgencyStandingRepository } from './agency-standing.repository';
import { supervisionOf, type SupervisionStatus } from './scorecard';
import { ScorecardConfig } from './scorecard-config';

const percent = (ratio: number | null) => (ratio === null ? '-' : `${Math.round(ratio * 1000) / 10}%`);

/**
 * The supervision of the agencies (the reform's efficiency checks): every AGENCY_SCORECARD_REFRESH_MS it
 * reads the decisions of the rolling window, sets each agency's share within limit and below-target
 * gauges, and stores its standing; an agency that falls under its target (over at least
 * AGENCY_SCORECARD_MIN_DECISIONS decisions) is alerted: logged once per crossing, and shown on the
 * dashboard from its standing.
 */
@Injectable()
export class AgencySupervisor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AgencySupervisor.name);
  private readonly job: PeriodicJob;

  constructor(
    private readonly decisions: AgencyDecisionRepository,
    private readonly standings: AgencyStandingRepository,
    private readonly registry: AgencyRegistry,
    private readonly clock: Clock,
    private readonly config: ScorecardConfig,
    private readonly updates: MonitorUpdates,
  ) {
    this.job = new PeriodicJob(
      'agency supervision',
      async () => {
        await this.check();
        return config.AGENCY_SCORECARD_REFRESH_MS;
      },
      config.AGENCY_SCORECARD_REFRESH_MS,
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  async check(): Promise<SupervisionStatus[]> {
    const now = this.clock.now();
    const windowHours = this.config.AGENCY_SCORECARD_WINDOW_HOURS;
    const recent = await this.decisions.decidedSince(new Date(now.getTime() - windowHours * HOUR_MS));
    const statuses = supervisionOf(
      recent,
      this.registry.agencies,
      this.config.AGENCY_SCORECARD_MIN_DECISIONS,
    );
    for (const status of statuses) {
      const { agency, withinLimitRatio, belowTarget } = status;
      if (withinLimitRatio === null) agencyMetrics.withinLimitRatio.remove({ agency });
      else agencyMetrics.withinLimitRatio.set({ agency }, withinLimitRatio);
      agencyMetrics.belowTarget.set({ agency }, belowTarget ? 1 : 0);
      const crossing = await this.standings.record(status, now, windowHours);
      const figures = `${percent(withinLimitRatio)} of ${status.decisions} decisions within limit over the last ${windowHours} h (target ${percent(status.target)})`;
      if (crossing === null) continue;
      if (crossing === 'fell-below') this.logger.warn(`agency ${agency} fell below its target: ${figures}`);
      else this.logger.log(`agency ${agency} is no longer below its target: ${figures}`);
      // the dashboards show (or clear) the alert now, not at their next periodic refresh
      this.updates.publish({ kind: 'standing', agency, belowTarget });
    }
    return statuses;
  }
}
