import { readAgencyRegistry } from '@tongguan/agencies';
import { Clock } from '@tongguan/clock';
import path from 'node:path';
import { whatIfOf, type SimulatorOptions } from './cli/options';
import { columnOf, runIsolated, type IsolatedRun } from './compare/isolated-run';
import { registerOnPlatform } from './green-channel/simulated-register';
import { PlatformApi } from './platform/platform-api';
import { writeRunReport, type ReportColumn } from './report/run-report';
import { formatTrsTables, type ClearanceStats, type TableColumn } from './report/trs-table';
import { describeRun, readCalendar, runBlPrefix, type Log } from './run-support';
import { calendarFileOf, loadScenario, scenariosDirectory, withOverrides } from './scenario/scenario-file';
import { Simulation } from './simulation';
import { readRecording, Recorder } from './traffic/recorder';
import { describeWhatIf } from './whatif/limits-what-if';

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
    registry: readAgencyRegistry(process.env, { continuous: process.env.AGENCY_CALENDAR === 'continuous' }),
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
  // the simulator's AEO and major-project traders earn the green channel only from the register
  await registerOnPlatform(api, simulation.incidents);
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

/** --isolated: one scenario on its own platform, then its TRS table. */
export async function runOneIsolated(options: SimulatorOptions, log: Log): Promise<void> {
  const { scenario, file } = loadScenario(options.scenario);
  const run = await runIsolated(scenario, file, options, log, { whatIf: whatIfOf(options) });
  const columns = [columnOf(run)];
  log(`\n${formatTrsTables(columns)}`);
  writeReport(options, [run], columns, log);
}

/** --report <file> (or the what-if's default file): the tables and what changed, as JSON. */
export function writeReport(
  options: SimulatorOptions,
  /** The run behind each column; none for a recorded one. */
  runs: (IsolatedRun | undefined)[],
  columns: TableColumn[],
  log: Log,
  fallback?: string,
): void {
  const file = options.report ?? fallback;
  if (!file) return;
  const reported: ReportColumn[] = columns.map((column, i) => ({ column, run: runs[i] }));
  const written = writeRunReport(file, options, reported, formatTrsTables(columns));
  log(`report written to ${written}`);
}

/** --compare: baseline and single-window, each on its own platform, one after the other (2 shared cores). */
export async function runCompare(options: SimulatorOptions, log: Log): Promise<void> {
  const columns: TableColumn[] = [];
  const runs: IsolatedRun[] = [];
  for (const name of ['baseline', 'single-window']) {
    const { scenario, file } = loadScenario(name);
    const run = await runIsolated(scenario, file, options, log);
    runs.push(run);
    columns.push(columnOf(run, name));
    // each table as soon as it is measured: a long compare that is cut short still reports
    log(`\n${formatTrsTables([columns[columns.length - 1]])}\n`);
  }
  log(`\n${formatTrsTables(columns)}`);
  writeReport(options, runs, columns, log);
}

/** --replay: the recorded day with --set changes, on its own platform, next to the recorded result. */
export async function runReplay(options: SimulatorOptions, log: Log): Promise<void> {
  const recording = readRecording(options.replay!);
  // a recorded scenario names its calendar relative to the scenarios folder
  const scenario = withOverrides(recording.scenario, options.set);
  const whatIf = whatIfOf(options);
  const run = await runIsolated(
    scenario,
    path.join(scenariosDirectory(), `${scenario.name}.json`),
    options,
    log,
    {
      replay: { calls: recording.calls, fromPrefix: recording.blPrefix, clockEpoch: recording.clockEpoch },
      whatIf,
    },
  );
  const changed = [...options.set, ...(whatIf ? [describeWhatIf(whatIf)] : [])];
  const label = changed.length > 0 ? `replay ${changed.join(' ')}` : 'replay';
  if (!recording.stats) log('the recording has no result line (it was not run on an isolated platform): n/a');
  const columns = [
    { label: 'recorded', stats: recording.stats as ClearanceStats | null },
    columnOf(run, label),
  ];
  log(`\n${formatTrsTables(columns)}`);
  writeReport(options, [undefined, run], columns, log);
}
