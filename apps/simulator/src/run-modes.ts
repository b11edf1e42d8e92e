import { Clock, WorkingCalendar, type WorkingCalendarSettings } from '@tongguan/clock';
import fs from 'node:fs';
import path from 'node:path';
import type { SimulatorOptions } from './cli/options';
import { dropPlatformData, IsolatedPlatform } from './compare/isolated-platform';
import { PlatformApi, type ApiAnswer } from './platform/platform-api';
import { formatTrsTable, type ClearanceStats } from './report/trs-table';
import { calendarFileOf, loadScenario, scenariosDirectory, withOverrides } from './scenario/scenario-file';
import type { Scenario } from './scenario/scenario';
import { Simulation } from './simulation';
import { readRecording, Recorder, withBlPrefix } from './traffic/recorder';
import { leadInHours, type VesselCallPlan } from './traffic/traffic-plan';

export type Log = (line: string) => void;

/** A B/L prefix of this run: the platform refuses a second active filing for a B/L. */
export function runBlPrefix(): string {
  return `SIM${Date.now().toString(36).toUpperCase().slice(-6)}`;
}

export function readCalendar(file: string): WorkingCalendar {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as WorkingCalendarSettings & Record<string, unknown>;
  const { utcOffsetMinutes, workingWeekdays, workingPeriods, holidays, makeUpWorkingDays } = raw;
  return new WorkingCalendar({
    utcOffsetMinutes,
    workingWeekdays,
    workingPeriods,
    holidays,
    makeUpWorkingDays,
  });
}

/** What a simulation did, for the report after a run. */
export function describeRun(simulation: Simulation): string[] {
  return [
    `shipments planned ${simulation.planned}, finished ${simulation.finished}`,
    'what happened:',
    ...simulation.outcomes.entries().map(([what, n]) => `  ${String(n).padStart(5)}  ${what}`),
    ...simulation.incidents.describe(),
  ];
}

/**
 * GET /v1/stats/clearance once the monitor has counted the releases the run saw. A monitor on a busy
 * machine folds events late (its stamps are the events' business times, so lateness does not bias
 * them): wait up to five real minutes.
 */
export async function readClearanceStats(
  api: PlatformApi,
  released: number,
  query = '',
): Promise<{ stats: ClearanceStats | null; answer: ApiAnswer }> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const answer = await api.call(
      'monitor',
      { role: 'ops', party: 'SIM-OPS' },
      'GET',
      `/v1/stats/clearance${query}`,
    );
    const stats = answer.status === 200 ? (answer.body as ClearanceStats) : null;
    if ((stats && stats.count >= released) || Date.now() > deadline) return { stats, answer };
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

/** Traffic through the already running platform, on its clock, until Ctrl-C (or --shipments are done). */
export async function runContinuous(options: SimulatorOptions, log: Log): Promise<void> {
  const { scenario, file } = loadScenario(options.scenario);
  const blPrefix = runBlPrefix();
  const clock = Clock.fromEnv();
  const api = PlatformApi.onHost(process.env.SIM_HOST || '127.0.0.1');
  const recorder = options.record ? new Recorder(options.record) : undefined;
  recorder?.run(scenario, blPrefix, clock.now().toISOString(), clock.speed);
  const simulation = new Simulation({
    scenario,
    api,
    clock,
    calendar: readCalendar(calendarFileOf(scenario, file)),
    kafkaBrokers: (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(','),
    topicPrefix: process.env.TOPIC_PREFIX ?? '',
    blPrefix,
    recorder,
    log,
  });
  log(
    `simulator: scenario ${scenario.name} on the running platform (B/L ${blPrefix}*, clock speed ${clock.speed}); ` +
      'time limits, calendar and risk rate are the platform’s own settings',
  );
  const stop = () => simulation.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const progress = setInterval(() => {
    const released = simulation.outcomes.count('released');
    log(
      `[simulator] ${clock.now().toISOString()} planned ${simulation.planned}, released ${released}, ` +
        `finished ${simulation.finished}, incidents ${simulation.incidents.count()}`,
    );
  }, 30_000);
  try {
    await simulation.run({ shipments: options.shipments, horizonHours: options.horizonHours });
  } finally {
    clearInterval(progress);
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  describeRun(simulation).forEach((line) => log(line));
}

export interface IsolatedRun {
  stats: ClearanceStats | null;
  simulation: Simulation;
}

/** One scenario on a platform of its own, started with the scenario's settings; returns the monitor's stats. */
export async function runIsolated(
  scenario: Scenario,
  scenarioFile: string,
  options: SimulatorOptions,
  log: Log,
  replay?: { calls: VesselCallPlan[]; fromPrefix: string; clockEpoch: string },
): Promise<IsolatedRun> {
  const calendarFile = calendarFileOf(scenario, scenarioFile);
  // the first vessel arrives at --epoch; the clock starts earlier by the pre-arrival lead time
  const leadIn = replay ? 0 : leadInHours(scenario);
  const epoch = replay?.clockEpoch ?? new Date(Date.parse(options.epoch) - leadIn * 3_600_000).toISOString();
  const anchor = new Date(Date.now() + options.bootSeconds * 1000).toISOString();
  const clockEnv = { CLOCK_EPOCH: epoch, CLOCK_SPEED: String(options.speed), CLOCK_ANCHOR: anchor };
  const platform = await IsolatedPlatform.start(
    scenario.name,
    {
      ...clockEnv,
      INSPECTION_CALENDAR: 'working',
      INSPECTION_CALENDAR_FILE: calendarFile,
      INSPECTION_LIMIT_HOURS_YELLOW: String(scenario.limits.yellowHours),
      INSPECTION_LIMIT_HOURS_RED: String(scenario.limits.redHours),
      RISK_RANDOM_RATE: String(scenario.risk.randomRate),
      RISK_SEED: scenario.seed,
      // the SLA watcher's scan every real second is costly at high clock speeds on a busy machine, and
      // the TRS table does not need its alerts promptly
      SLA_SCAN_MS: '10000',
    },
    log,
  );
  try {
    const clock = new Clock({ epoch, speed: options.speed, anchor });
    const blPrefix = runBlPrefix();
    const recorder = options.record ? new Recorder(options.record) : undefined;
    recorder?.run(scenario, blPrefix, epoch, options.speed);
    const simulation = new Simulation({
      scenario,
      api: platform.api,
      clock,
      calendar: readCalendar(calendarFile),
      kafkaBrokers: platform.env.KAFKA_BROKERS.split(','),
      topicPrefix: platform.topicPrefix,
      blPrefix,
      recorder,
      log: (line) => log(`[${scenario.name}] ${line.replace(/^\[simulator\] /, '')}`),
      startMs: Math.max(Date.parse(epoch), clock.nowMs()),
    });
    const shipments = options.shipments ?? scenario.traffic.shipmentsPerDay;
    log(
      `[${scenario.name}] ${replay ? `replaying ${replay.calls.length} vessel calls` : `${shipments} shipments`} from ${epoch} ` +
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
    const released = simulation.outcomes.count('released');
    const { stats, answer } = await readClearanceStats(platform.api, released);
    if (!stats) simulation.incidents.record('monitor statistics unreadable', `${answer.status}`);
    else if (stats.count < released) {
      simulation.incidents.record(
        'monitor behind: fewer releases counted than seen',
        `${stats.count} of ${released}`,
      );
    }
    recorder?.result(stats);
    log(`[${scenario.name}] done in ${Math.round((Date.now() - started) / 1000)} s real`);
    describeRun(simulation).forEach((line) => log(`[${scenario.name}] ${line}`));
    return { stats, simulation };
  } finally {
    await platform.stop();
    if (!options.keepData) await dropPlatformData(platform, log);
  }
}

/** --isolated: one scenario on its own platform, then its TRS table. */
export async function runOneIsolated(options: SimulatorOptions, log: Log): Promise<void> {
  const { scenario, file } = loadScenario(options.scenario);
  const run = await runIsolated(scenario, file, options, log);
  log(`\n${formatTrsTable([{ label: scenario.name, stats: run.stats }])}`);
}

/** --compare: baseline and single-window, each on its own platform, one after the other (2 shared cores). */
export async function runCompare(options: SimulatorOptions, log: Log): Promise<void> {
  const columns = [];
  for (const name of ['baseline', 'single-window']) {
    const { scenario, file } = loadScenario(name);
    const run = await runIsolated(scenario, file, options, log);
    columns.push({ label: name, stats: run.stats });
    // each table as soon as it is measured: a long compare that is cut short still reports
    log(`\n${formatTrsTable([columns[columns.length - 1]])}\n`);
  }
  log(`\n${formatTrsTable(columns)}`);
}

/** --replay: the recorded day with --set changes, on its own platform, next to the recorded result. */
export async function runReplay(options: SimulatorOptions, log: Log): Promise<void> {
  const recording = readRecording(options.replay!);
  // a recorded scenario names its calendar relative to the scenarios folder
  const scenario = withOverrides(recording.scenario, options.set);
  const run = await runIsolated(
    scenario,
    path.join(scenariosDirectory(), `${scenario.name}.json`),
    options,
    log,
    { calls: recording.calls, fromPrefix: recording.blPrefix, clockEpoch: recording.clockEpoch },
  );
  const label = options.set.length > 0 ? `replay ${options.set.join(' ')}` : 'replay';
  if (!recording.stats) log('the recording has no result line (it was not run on an isolated platform): n/a');
  log(
    `\n${formatTrsTable([
      { label: 'recorded', stats: recording.stats as ClearanceStats | null },
      { label, stats: run.stats },
    ])}`,
  );
}
