import { AgencyRegistry, TRADER, type AgencyRegistryData, type StepDefinition } from '@tongguan/agencies';
import type { Scenario } from '../scenario/scenario';

/** The services refuse limits above a year of working hours; 'no limit' is written as that maximum. */
export const NO_LIMIT_HOURS = 8760;

/** One `--limit agency/step=hours`. */
export interface StepLimit {
  owner: string;
  step: string;
  hours: number;
}

/** A what-if on the time limits: every agency step scaled (`--limits`), then single steps set (`--limit`). */
export interface LimitsWhatIf {
  factor?: number;
  steps: StepLimit[];
}

/** A parameter the what-if changed, with where its value came from (printed, and in the report). */
export interface ParameterChange {
  parameter: string;
  before: string;
  after: string;
  source: string;
  changedBy: string;
}

/** The limits a platform runs with: the scenario (inspection's two) and the registry (every step). */
export interface PlatformLimits {
  scenario: Scenario;
  registry: AgencyRegistry;
  changes: ParameterChange[];
}

/** Inspection's task limits are scenario parameters (limits.*) as well as registry steps. */
export const SCENARIO_STEP_PARAMETERS: Readonly<Record<string, 'yellowHours' | 'redHours'>> = {
  'inspection/document-check': 'yellowHours',
  'inspection/physical-inspection': 'redHours',
};

/** Every step of the registry as 'owner/step', the trader's own last. */
export function knownSteps(registry: AgencyRegistry): string[] {
  return [
    ...registry.agencies.flatMap((a) => a.steps.map((s) => `${a.id}/${s.id}`)),
    ...registry.data.traderSteps.steps.map((s) => `${TRADER}/${s.id}`),
  ];
}

/** Reads `agency/step=hours`; a problem as text when it is not one. */
export function parseStepLimit(text: string): StepLimit | string {
  const match = /^([a-z][a-z0-9-]*)\/([a-z][a-z0-9-]*)=(.+)$/.exec(text.trim());
  if (!match)
    return `--limit ${text}: must be <agency>/<step>=<hours>, e.g. licensing/licence-verification=8`;
  const hours = Number(match[3]);
  if (!Number.isFinite(hours) || hours <= 0 || hours > NO_LIMIT_HOURS) {
    return `--limit ${text}: hours must be a number above 0, at most ${NO_LIMIT_HOURS}`;
  }
  return { owner: match[1], step: match[2], hours };
}

export function describeWhatIf(whatIf: LimitsWhatIf): string {
  return [
    ...(whatIf.factor === undefined ? [] : [`limits ×${whatIf.factor}`]),
    ...whatIf.steps.map((s) => `${s.owner}/${s.step}=${s.hours} h`),
  ].join(', ');
}

/**
 * The limits a platform runs a scenario with, and the what-if's changes. The registry is the base
 * (config/agencies.json or AGENCY_REGISTRY_FILE); the scenario sets inspection's two steps
 * (limits.yellowHours/redHours) and, with limits.tacitApproval false, every other agency step to no
 * limit; then `--limits` scales every agency step (inspection's through the scenario parameters) and
 * `--limit` sets single steps, trader steps included. A green-channel limit keeps its ratio to the
 * ordinary one. Values above the services' maximum are capped there. Pure.
 */
export function platformLimits(
  base: AgencyRegistry,
  scenario: Scenario,
  whatIf: LimitsWhatIf = { steps: [] },
  sources: { parameters: Record<string, string>; registry: string } = { parameters: {}, registry: '' },
): PlatformLimits {
  const asIs = registryForScenario(base, scenario);
  const changedBy = describeWhatIf(whatIf);
  const changes: ParameterChange[] = [];
  const limits = { ...scenario.limits };
  for (const [key, parameter] of Object.entries(SCENARIO_STEP_PARAMETERS)) {
    const set = whatIf.steps.find((s) => `${s.owner}/${s.step}` === key);
    const after = set
      ? set.hours
      : whatIf.factor !== undefined
        ? limits[parameter] * whatIf.factor
        : undefined;
    if (after === undefined || round(capped(after)) === limits[parameter]) continue;
    const name = `limits.${parameter}`;
    changes.push({
      parameter: name,
      before: hours(limits[parameter]),
      after: hours(capped(after)) + (after > NO_LIMIT_HOURS ? ' (capped: the services’ maximum)' : ''),
      source: sources.parameters[name] ?? 'scenario file',
      changedBy,
    });
    limits[parameter] = round(capped(after));
  }
  const changedScenario: Scenario = { ...scenario, limits };

  let registry =
    whatIf.factor === undefined
      ? asIs
      : asIs.withLimitsScaled(
          whatIf.factor,
          (owner, step) => owner !== TRADER && !isScenarioStep(owner, step.id),
        );
  const explicit = whatIf.steps.filter((s) => !isScenarioStep(s.owner, s.step));
  registry = mapSteps(registry, (owner, step) => {
    const set = explicit.find((s) => s.owner === owner && s.step === step.id);
    const scenarioHours = scenarioStepHours(changedScenario, owner, step.id);
    const original = asIs.step(owner, step.id)!;
    if (scenarioHours !== undefined) return withLimit(original, scenarioHours);
    return set ? withLimit(original, set.hours) : withLimit(step, step.limitHours);
  });

  for (const [owner, step] of stepsOf(asIs)) {
    const before = asIs.step(owner, step.id)!;
    const after = registry.step(owner, step.id)!;
    if (before.limitHours === after.limitHours && before.greenLimitHours === after.greenLimitHours) continue;
    const key = `${owner}/${step.id}`;
    const parameter = SCENARIO_STEP_PARAMETERS[key];
    changes.push({
      parameter: key,
      before: stepHours(before),
      after: stepHours(after),
      source: parameter
        ? `the scenario's limits.${parameter}`
        : !scenario.limits.tacitApproval && owner !== TRADER
          ? `limits.tacitApproval false: no limit (${NO_LIMIT_HOURS} h)`
          : sources.registry || 'the agency registry',
      changedBy,
    });
  }
  return { scenario: changedScenario, registry, changes };
}

/** The registry as the scenario runs it, before any what-if. */
export function registryForScenario(base: AgencyRegistry, scenario: Scenario): AgencyRegistry {
  return mapSteps(base, (owner, step) => {
    const scenarioHours = scenarioStepHours(scenario, owner, step.id);
    if (scenarioHours !== undefined) return withLimit(step, scenarioHours);
    if (!scenario.limits.tacitApproval && owner !== TRADER) {
      return {
        ...step,
        limitHours: NO_LIMIT_HOURS,
        ...(step.greenLimitHours ? { greenLimitHours: NO_LIMIT_HOURS } : {}),
      };
    }
    return step;
  });
}

function scenarioStepHours(scenario: Scenario, owner: string, step: string): number | undefined {
  const parameter = SCENARIO_STEP_PARAMETERS[`${owner}/${step}`];
  return parameter ? scenario.limits[parameter] : undefined;
}

function isScenarioStep(owner: string, step: string): boolean {
  return SCENARIO_STEP_PARAMETERS[`${owner}/${step}`] !== undefined;
}

/** The step with a new ordinary limit; its green-channel limit keeps its ratio; both capped and rounded. */
function withLimit(step: StepDefinition, hours: number): StepDefinition {
  const limitHours = round(capped(hours));
  if (step.greenLimitHours === undefined) return { ...step, limitHours };
  const greenLimitHours = round(Math.min(limitHours, (step.greenLimitHours * hours) / step.limitHours));
  return { ...step, limitHours, greenLimitHours };
}

function mapSteps(
  registry: AgencyRegistry,
  change: (owner: string, step: StepDefinition) => StepDefinition,
): AgencyRegistry {
  const data: AgencyRegistryData = {
    ...registry.data,
    agencies: registry.data.agencies.map((a) => ({ ...a, steps: a.steps.map((s) => change(a.id, s)) })),
    traderSteps: {
      ...registry.data.traderSteps,
      steps: registry.data.traderSteps.steps.map((s) => change(TRADER, s)),
    },
  };
  // the platforms a what-if starts count limits on the registry's working calendars
  return new AgencyRegistry(data);
}

function stepsOf(registry: AgencyRegistry): [string, StepDefinition][] {
  return [
    ...registry.agencies.flatMap((a) => a.steps.map((s) => [a.id, s] as [string, StepDefinition])),
    ...registry.data.traderSteps.steps.map((s) => [TRADER, s] as [string, StepDefinition]),
  ];
}

const capped = (h: number) => Math.min(h, NO_LIMIT_HOURS);
/** No binary fractions in the files the services read: 16 × 0.47 is 7.52 h. */
const round = (h: number) => Math.round(h * 1e6) / 1e6;
const hours = (h: number) => `${round(h)} h`;
const stepHours = (s: StepDefinition) =>
  `${round(s.limitHours)} h${s.greenLimitHours === undefined ? '' : ` (green ${round(s.greenLimitHours)} h)`}`;
