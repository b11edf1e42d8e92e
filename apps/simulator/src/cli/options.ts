import { parseStepLimit, type LimitsWhatIf, type StepLimit } from '../whatif/limits-what-if';

/** The command line of the simulator, parsed and checked at once (every problem listed). */
export interface SimulatorOptions {
  scenario: string;
  compare: boolean;
  isolated: boolean;
  shipments?: number;
  speed: number;
  epoch: string;
  horizonHours?: number;
  bootSeconds: number;
  record?: string;
  replay?: string;
  set: string[];
  /** --limits: every agency step's limit multiplied by this (the what-if). */
  limits?: number;
  /** --limit agency/step=hours, in the order given. */
  stepLimits: StepLimit[];
  /** Where the run's report (tables, what-if changes, agency decisions) is written as JSON. */
  report?: string;
  keepData: boolean;
  help: boolean;
}

/** Whether the command line asks for a what-if on the time limits. */
export function isLimitsWhatIf(options: SimulatorOptions): boolean {
  return options.limits !== undefined || options.stepLimits.length > 0;
}

/** The what-if of the command line, if it asks for one. */
export function whatIfOf(options: SimulatorOptions): LimitsWhatIf | undefined {
  return isLimitsWhatIf(options) ? { factor: options.limits, steps: options.stepLimits } : undefined;
}

export const USAGE = `usage:
  npm run simulate -- [--scenario single-window|baseline|<file.json>] [--shipments N] [--record <file>]
      drives traffic through the running platform (ports 3000-3004) on its clock (CLOCK_* variables)
  npm run simulate -- --isolated --scenario <name> [--shipments N] [--record <file>]
      the same on a platform of its own, started with the scenario's settings, then prints its TRS table
  npm run simulate:compare [-- --shipments N --speed N]
      baseline and single-window, each on its own platform, with their TRS tables side by side
  npm run simulate -- --replay <file> [--set parameter=value ...]
      replays a recorded day with changed parameters and prints its TRS table next to the recorded one
  npm run simulate -- --limits 0.47 [--limit <agency>/<step>=<hours> ...] [--scenario <name>] [--shipments N]
      what-if on the time limits: the scenario on a platform of its own as it is, then again on one whose
      services run with the changed limits (--limits scales every agency step of the registry, e.g. 0.47
      for the reform's cut of 53%; --limit sets one step, its green-channel limit in proportion); prints
      every changed parameter with its source, then both TRS tables side by side with the tacit
      approvals and the limits the services applied. With --isolated only the changed run; with
      --replay <file> the recorded day again with the changed limits
options: --speed (isolated clock speed, default 1200: one real second is 20 business minutes),
  --epoch (isolated business start, default Monday 2026-03-02T00:00:00Z = 08:00 in Shenzhen),
  --horizon-hours (stop waiting this long after the last arrival; default 168 on isolated platforms),
  --boot-seconds (time allowed for the services to start before the clock reaches the epoch, default 60),
  --report <file.json> (write the tables and what changed as JSON; a what-if writes one under
  .local/reports/ by default), --keep-data (keep the isolated platform's databases), --help`;

const FLAGS = new Set(['--compare', '--isolated', '--keep-data', '--help']);
const VALUES = new Set([
  '--scenario',
  '--shipments',
  '--speed',
  '--epoch',
  '--horizon-hours',
  '--boot-seconds',
  '--record',
  '--replay',
  '--set',
  '--limits',
  '--limit',
  '--report',
]);

/**
 * `knownSteps` are the registry's steps as 'agency/step' (knownSteps() of the what-if): a --limit naming
 * another is a usage problem that lists them.
 */
export function parseOptions(
  argv: readonly string[],
  knownSteps?: readonly string[],
): { options: SimulatorOptions; problems: string[] } {
  const options: SimulatorOptions = {
    scenario: 'single-window',
    compare: false,
    isolated: false,
    speed: 1200,
    epoch: '2026-03-02T00:00:00Z',
    bootSeconds: 60,
    set: [],
    stepLimits: [],
    keepData: false,
    help: false,
  };
  const problems: string[] = [];
  const number = (name: string, text: string, min: number, max: number): number | undefined => {
    const n = Number(text);
    if (text === '' || !Number.isFinite(n) || n < min || n > max) {
      problems.push(`${name}: must be a number from ${min} to ${max}, got "${text}"`);
      return undefined;
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (FLAGS.has(arg)) {
      if (arg === '--compare') options.compare = true;
      if (arg === '--isolated') options.isolated = true;
      if (arg === '--keep-data') options.keepData = true;
      if (arg === '--help') options.help = true;
      continue;
    }
    if (!VALUES.has(arg)) {
      problems.push(`${arg}: unknown option`);
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) {
      problems.push(`${arg}: needs a value`);
      continue;
    }
    i++;
    switch (arg) {
      case '--scenario':
        options.scenario = value;
        break;
      case '--shipments': {
        const n = number(arg, value, 1, 100_000);
        if (n !== undefined && !Number.isInteger(n)) problems.push(`${arg}: must be a whole number`);
        else options.shipments = n;
        break;
      }
      case '--speed':
        options.speed = number(arg, value, 1, 100_000) ?? options.speed;
        break;
      case '--epoch':
        if (Number.isNaN(Date.parse(value)))
          problems.push(`${arg}: must be an RFC 3339 instant, got "${value}"`);
        else options.epoch = value;
        break;
      case '--horizon-hours':
        options.horizonHours = number(arg, value, 1, 10_000);
        break;
      case '--boot-seconds':
        options.bootSeconds = number(arg, value, 5, 600) ?? options.bootSeconds;
        break;
      case '--record':
        options.record = value;
        break;
      case '--replay':
        options.replay = value;
        break;
      case '--set':
        options.set.push(value);
        break;
      case '--limits':
        options.limits = number(arg, value, 0.01, 10);
        break;
      case '--limit':
        stepLimit(value, options, problems, knownSteps);
        break;
      case '--report':
        options.report = value;
        break;
    }
  }
  if (options.compare && (options.replay || options.record)) {
    problems.push('--compare: runs both scenarios; record or replay one scenario at a time');
  }
  if (options.compare && isLimitsWhatIf(options)) {
    problems.push('--compare: runs both scenarios as they are; a what-if on the limits takes one --scenario');
  }
  if (options.set.length > 0 && !options.replay) {
    problems.push('--set: applies to a replay (--replay <file>); edit a scenario file for a new scenario');
  }
  return { options, problems };
}

function stepLimit(
  text: string,
  options: SimulatorOptions,
  problems: string[],
  knownSteps: readonly string[] | undefined,
): void {
  const parsed = parseStepLimit(text);
  if (typeof parsed === 'string') return void problems.push(parsed);
  const key = `${parsed.owner}/${parsed.step}`;
  if (knownSteps && !knownSteps.includes(key)) {
    return void problems.push(
      `--limit ${text}: ${key} is not a step of the agency registry; known steps: ${knownSteps.join(', ')}`,
    );
  }
  if (options.stepLimits.some((s) => `${s.owner}/${s.step}` === key)) {
    return void problems.push(`--limit ${text}: ${key} is given twice`);
  }
  options.stepLimits.push(parsed);
}
