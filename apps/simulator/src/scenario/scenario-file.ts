import fs from 'node:fs';
import path from 'node:path';
import { distributionProblems } from '../random/distribution';
import { OPTIONAL_SECTIONS, PARAMETERS, type ParameterKind, type Scenario } from './scenario';

/** Comment fields a file may carry anywhere without being a parameter. */
const COMMENT = '$comment';

/** Every problem of a parsed scenario, each as 'path: message', so that a file is fixed in one go. */
export function scenarioProblems(raw: unknown): string[] {
  if (!isObject(raw)) return ['scenario: must be a JSON object'];
  const problems: string[] = [];
  for (const [parameter, kind] of Object.entries(PARAMETERS)) {
    const section = parameter.split('.')[0];
    if (OPTIONAL_SECTIONS.includes(section) && raw[section] === undefined) continue;
    problems.push(...valueProblems(parameter, kind, valueAt(raw, parameter)));
  }
  problems.push(...unknownFields(raw, ''));
  const risk = raw.risk;
  if (isObject(risk) && typeof risk.yellowRate === 'number' && typeof risk.redRate === 'number') {
    if (risk.yellowRate + risk.redRate > 1) problems.push('risk: yellowRate + redRate must not exceed 1');
  }
  const green = raw.greenChannel;
  if (isObject(green) && typeof green.aeoShare === 'number' && typeof green.majorProjectShare === 'number') {
    if (green.aeoShare + green.majorProjectShare > 1) {
      problems.push('greenChannel: aeoShare + majorProjectShare must not exceed 1');
    }
  }
  const exports = raw.exports;
  if (isObject(exports) && exports.share === 1) {
    problems.push('exports.share: must be below 1 (every vessel call brings imports too)');
  }
  return problems;
}

function valueProblems(parameter: string, kind: ParameterKind, value: unknown): string[] {
  const isNumber = typeof value === 'number' && Number.isFinite(value);
  switch (kind) {
    case 'text':
      return typeof value === 'string' && value.trim().length > 0 ? [] : [`${parameter}: must be a text`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${parameter}: must be true or false`];
    case 'share':
      return isNumber && value >= 0 && value <= 1 ? [] : [`${parameter}: must be a share from 0 to 1`];
    case 'count':
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 1000
        ? []
        : [`${parameter}: must be a whole number from 1 to 1000`];
    case 'positive':
      return isNumber && value > 0 && value <= 100_000 ? [] : [`${parameter}: must be a number above 0`];
    case 'hours':
      // the inspection service accepts time limits up to 8760 working hours (one year)
      return isNumber && value > 0 && value <= 8760
        ? []
        : [`${parameter}: must be hours above 0, at most 8760`];
    case 'distribution':
      return distributionProblems(parameter, value);
  }
}

function unknownFields(value: Record<string, unknown>, prefix: string): string[] {
  const problems: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    if (key === COMMENT) continue;
    const at = prefix ? `${prefix}.${key}` : key;
    if (Object.hasOwn(PARAMETERS, at)) continue;
    const isSection = Object.keys(PARAMETERS).some((p) => p.startsWith(`${at}.`));
    if (!isSection) problems.push(`${at}: unknown parameter`);
    else if (!isObject(child)) problems.push(`${at}: must be an object`);
    else problems.push(...unknownFields(child, at));
  }
  return problems;
}

/** Validates parsed JSON into a scenario; the error lists every problem. */
export function parseScenario(raw: unknown, source: string): Scenario {
  const problems = scenarioProblems(raw);
  if (problems.length > 0) throw new Error(`Invalid scenario ${source}:\n  ${problems.join('\n  ')}`);
  return raw as Scenario;
}

/** The folder of the scenario files, found from source (jest) and from dist/ alike. */
export function scenariosDirectory(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'apps', 'simulator', 'scenarios');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`apps/simulator/scenarios not found above ${__dirname}`);
  }
}

/** A scenario by name (baseline, single-window) or by the path of a JSON file. */
export function loadScenario(nameOrFile: string): { scenario: Scenario; file: string } {
  const file =
    nameOrFile.endsWith('.json') || nameOrFile.includes('/')
      ? path.resolve(nameOrFile)
      : path.join(scenariosDirectory(), `${nameOrFile}.json`);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`scenario ${file} cannot be read: ${(error as Error).message}`);
  }
  return { scenario: parseScenario(raw, file), file };
}

/** The calendar file of a scenario, resolved against the folder of the scenario file. */
export function calendarFileOf(scenario: Scenario, scenarioFile: string): string {
  return path.resolve(path.dirname(scenarioFile), scenario.inspection.calendarFile);
}

/**
 * A copy of the scenario with `--set path=value` overrides applied and validated again (what-if runs).
 * Numbers, booleans and distributions (as JSON) are parsed by the parameter's kind.
 */
export function withOverrides(scenario: Scenario, overrides: readonly string[]): Scenario {
  const copy = structuredClone(scenario) as unknown as Record<string, unknown>;
  const problems: string[] = [];
  for (const override of overrides) {
    const eq = override.indexOf('=');
    const parameter = eq > 0 ? override.slice(0, eq).trim() : '';
    const text = eq > 0 ? override.slice(eq + 1).trim() : '';
    const kind = PARAMETERS[parameter];
    if (!kind) {
      problems.push(`--set ${override}: must be <parameter>=<value> with a known parameter`);
      continue;
    }
    const value = parseValue(kind, text);
    if (value === undefined) problems.push(`--set ${override}: ${text} is not a ${kind}`);
    else setValueAt(copy, parameter, value);
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return parseScenario(copy, 'with --set overrides');
}

function parseValue(kind: ParameterKind, text: string): unknown {
  switch (kind) {
    case 'text':
      return text;
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : undefined;
    case 'distribution':
      try {
        return JSON.parse(text);
      } catch {
        return undefined;
      }
    case 'share':
    case 'count':
    case 'positive':
    case 'hours':
      return text !== '' && Number.isFinite(Number(text)) ? Number(text) : undefined;
  }
}

function valueAt(root: Record<string, unknown>, parameter: string): unknown {
  return parameter.split('.').reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), root);
}

function setValueAt(root: Record<string, unknown>, parameter: string, value: unknown): void {
  const keys = parameter.split('.');
  let node = root;
  for (const key of keys.slice(0, -1)) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
