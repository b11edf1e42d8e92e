import { readAgencyRegistry } from '@tongguan/agencies';
import { Clock } from '@tongguan/clock';
import type { SimulatorOptions } from '../cli/options';
import type { AgencyDecisions } from '../report/agency-decisions';
import type { ClearanceStats, TableColumn } from '../report/trs-table';
import { describeRun, readCalendar, readClearanceStats, runBlPrefix, type Log } from '../run-support';
import { calendarFileOf } from '../scenario/scenario-file';
import { parameterSources } from '../scenario/scenario-sources';
import type { Scenario } from '../scenario/scenario';
import { Simulation } from '../simulation';
import { Recorder, withBlPrefix } from '../traffic/recorder';
import { leadInHours, type VesselCallPlan } from '../traffic/traffic-plan';
import { describeChanges } from '../whatif/changes';
import {
  describeWhatIf,
  platformLimits,
  type LimitsWhatIf,
  type ParameterChange,
} from '../whatif/limits-what-if';
import { writePlatformSettings } from '../whatif/platform-settings';
import { dropPlatformData, IsolatedPlatform } from './isolated-platform';

export interface IsolatedRun {
  label: string;
  stats: ClearanceStats | null;
  simulation: Simulation;
  decisions: AgencyDecisions;
  /** What the what-if changed (empty for a run as the scenario states it). */
  changes: ParameterChange[];
}

export interface IsolatedRunExtras {
  replay?: { calls: VesselCallPlan[]; fromPrefix: string; clockEpoch: string };
  whatIf?: LimitsWhatIf;
  /**
   * The B/L prefix (a new one by default). Two runs on platforms of their own may share one: the
   * inspection service's random selection, seeded by the scenario, then picks the same shipments.
   */
  blPrefix?: string;
}

/**
 * One scenario on a platform of its own, started with the scenario's settings and the limits of the
 * registry as the scenario and the what-if set them; returns the monitor's stats.
 */
export async function runIsolated(
  scenarioAsFiled: Scenario,
  scenarioFile: string,
  options: SimulatorOptions,
  log: Log,
  { replay, whatIf, blPrefix = runBlPrefix() }: IsolatedRunExtras = {},
): Promise<IsolatedRun> {
  const base = readAgencyRegistry(process.env);
  const sources = {
    parameters: parameterSources(),
    registry: `${process.env.AGENCY_REGISTRY_FILE || 'config/agencies.json'}: ${base.data.sources?.[0] ?? ''}`,
  };
  const limits = platformLimits(base, scenarioAsFiled, whatIf, sources);
  const scenario = limits.scenario;
  const label = whatIf ? `${scenario.name} ${describeWhatIf(whatIf)}` : scenario.name;
  if (whatIf) describeChanges(scenario.name, whatIf, limits.changes).forEach((line) => log(line));
  const calendarFile = calendarFileOf(scenario, scenarioFile);
  const settings = writePlatformSettings(limits, calendarFile);
  // the first vessel arrives at --epoch; the clock starts earlier by the pre-arrival lead time
  const leadIn = replay ? 0 : leadInHours(scenario);
  const epoch = replay?.clockEpoch ?? new Date(Date.parse(options.epoch) - leadIn * 3_600_000).toISOString();
  const anchor = new Date(Date.now() + options.bootSeconds * 1000).toISOString();
  const clockEnv = { CLOCK_EPOCH: epoch, CLOCK_SPEED: String(options.speed), CLOCK_ANCHOR: anchor };
  const platform = await IsolatedPlatform.start(
    whatIf ? `${scenario.name}-whatif` : scenario.name,
    {
      ...clockEnv,
      ...settings.env,
      INSPECTION_CALENDAR: 'working',
      INSPECTION_CALENDAR_FILE: calendarFile,
      RISK_RANDOM_RATE: String(scenario.risk.randomRate),
      RISK_SEED: scenario.seed,
      // the SLA watcher's scan every real second is costly at high clock speeds on a busy machine, and
      // the TRS table does not need its alerts promptly
      SLA_SCAN_MS: '10000',
    },
    log,
  ).catch((error: unknown) => {
    settings.remove();
    throw error;
  });
  try {
    const clock = new Clock({ epoch, speed: options.speed, anchor });
    const recorder = options.record ? new Recorder(options.record) : undefined;
    recorder?.run(scenario, blPrefix, epoch, options.speed);
    const simulation = new Simulation({
      scenario,
      api: platform.api,
      clock,
      calendar: readCalendar(calendarFile),
      registry: settings.registry,
      kafkaBrokers: platform.env.KAFKA_BROKERS.split(','),
      topicPrefix: platform.topicPrefix,
      blPrefix,
      recorder,
      log: (line) => log(`[${label}] ${line.replace(/^\[simulator\] /, '')}`),
      startMs: Math.max(Date.parse(epoch), clock.nowMs()),
    });
    const shipments = options.shipments ?? scenario.traffic.shipmentsPerDay;
    log(
      `[${label}] ${replay ? `replaying ${replay.calls.length} vessel calls` : `${shipments} shipments`} from ${epoch} ` +
        `(first arrival ${leadIn} h later at the earliest) ` +
        `at clock speed ${options.speed} (1 real second = ${(options.speed / 60).toFixed(0)} business minutes)`,
    );
    const started = Date.now();
    await simulation.run({
      shipments: replay ? undefined : shipments,
      replay: replay ? withBlPrefix(replay.calls, replay.fromPrefix, blPrefix) : undefined,
      horizonHours: options.horizonHours ?? 168,
      leadInHours: leadIn,
    });
    // the monitor's count is both directions: imports released and exports released for loading
    const released =
      simulation.outcomes.count('released') + simulation.outcomes.count('released for loading');
    const { stats, answer } = await readClearanceStats(platform.api, released);
    if (!stats) simulation.incidents.record('monitor statistics unreadable', `${answer.status}`);
    else if (stats.count < released) {
      simulation.incidents.record(
        'monitor behind: fewer releases counted than seen',
        `${stats.count} of ${released}`,
      );
    }
    recorder?.result(stats);
    log(`[${label}] done in ${Math.round((Date.now() - started) / 1000)} s real`);
    describeRun(simulation).forEach((line) => log(`[${label}] ${line}`));
    return { label, stats, simulation, decisions: simulation.agencyDecisions(), changes: limits.changes };
  } finally {
    await platform.stop();
    settings.remove();
    if (!options.keepData) await dropPlatformData(platform, log);
  }
}

/** A table column of a run: its monitor stats and what the agencies did. */
export function columnOf(run: IsolatedRun, label = run.label): TableColumn {
  return { label, stats: run.stats, decisions: run.decisions };
}
