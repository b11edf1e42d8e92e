import { workingCalendarProblems } from '@tongguan/clock';
import { ConfigError, readJsonFile } from '@tongguan/config';
import { sharedConfigFile } from '@tongguan/platform';
import path from 'node:path';
import { AgencyRegistry, TRADER, type AgencyRegistryData, type StepDefinition } from './agency-registry';
import type { GreenChannelRegisterData } from './green-channel';
import { hsPatternProblem, ROUTING_DIRECTIONS, TRADER_STATUSES, type RoutingRule } from './routing';

/**
 * The three data files of the single window (config/agencies.json, config/routing-rules.json,
 * config/green-channel.json), each validated whole at boot: a bad file stops the service with every
 * problem and its path, so a typo never routes a declaration to nobody.
 */

const ID = /^[a-z][a-z0-9-]{1,31}$/;
const PARTY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const arrayAt = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function unknownKeys(where: string, value: Json, allowed: readonly string[], problems: string[]) {
  for (const key of Object.keys(value))
    if (!allowed.includes(key)) problems.push(`${where}.${key}: unknown field`);
}

function nameProblems(where: string, name: unknown, problems: string[]) {
  if (
    !isObject(name) ||
    typeof name.en !== 'string' ||
    !name.en ||
    typeof name['zh-CN'] !== 'string' ||
    !name['zh-CN']
  ) {
    problems.push(`${where}: must be { "en": "...", "zh-CN": "..." }`);
  }
}

function stepProblems(where: string, step: unknown, problems: string[]) {
  if (!isObject(step)) return problems.push(`${where}: must be an object`);
  unknownKeys(where, step, ['id', 'name', 'limitHours', 'greenLimitHours', 'tacitApproval'], problems);
  if (typeof step.id !== 'string' || !ID.test(step.id)) problems.push(`${where}.id: must match ${ID}`);
  nameProblems(`${where}.name`, step.name, problems);
  const hours = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= 8760;
  if (!hours(step.limitHours)) problems.push(`${where}.limitHours: must be hours > 0 and <= 8760`);
  if (step.greenLimitHours !== undefined) {
    if (!hours(step.greenLimitHours))
      problems.push(`${where}.greenLimitHours: must be hours > 0 and <= 8760`);
    else if (hours(step.limitHours) && (step.greenLimitHours as number) > (step.limitHours as number)) {
      problems.push(`${where}.greenLimitHours: the green channel's limit cannot be longer than limitHours`);
    }
  }
  if (typeof step.tacitApproval !== 'boolean') problems.push(`${where}.tacitApproval: must be true or false`);
}

function duplicates(where: string, ids: unknown[], problems: string[]) {
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) problems.push(`${where}.${i}.id: ${String(id)} is listed twice`);
  });
}

export function agencyRegistryProblems(raw: unknown): string[] {
  if (!isObject(raw)) return ['the file must hold a JSON object'];
  const problems: string[] = [];
  unknownKeys(
    '',
    raw,
    ['version', 'description', 'sources', 'publicHolidays', 'calendars', 'agencies', 'traderSteps'],
    problems,
  );
  if (raw.version !== 1) problems.push('version: must be 1');
  const holidays = isObject(raw.publicHolidays) ? raw.publicHolidays : {};
  const calendars = arrayAt(raw.calendars);
  if (calendars.length === 0) problems.push('calendars: must list at least one calendar');
  calendars.forEach((c, i) => {
    if (!isObject(c)) return problems.push(`calendars.${i}: must be an object`);
    if (typeof c.id !== 'string' || !c.id) problems.push(`calendars.${i}.id: must be a non-empty string`);
    if (typeof c.publicHolidays !== 'boolean')
      problems.push(`calendars.${i}.publicHolidays: must be true or false`);
    const { id: _id, description: _d, publicHolidays, ...settings } = c;
    const merged = publicHolidays ? { ...settings, ...holidays } : settings;
    problems.push(...workingCalendarProblems(merged).map((p) => `calendars.${i}.${p}`));
  });
  const calendarIds = calendars.map((c) => (isObject(c) ? c.id : undefined));
  duplicates('calendars', calendarIds, problems);
  const agencies = arrayAt(raw.agencies);
  if (agencies.length === 0) problems.push('agencies: must list at least one agency');
  agencies.forEach((a, i) => {
    const where = `agencies.${i}`;
    if (!isObject(a)) return problems.push(`${where}: must be an object`);
    unknownKeys(
      where,
      a,
      ['id', 'name', 'officerRole', 'calendar', 'complaintLimitHours', 'withinLimitTarget', 'steps'],
      problems,
    );
    if (typeof a.id !== 'string' || !ID.test(a.id) || a.id === TRADER) {
      problems.push(`${where}.id: must match ${ID} and not be '${TRADER}'`);
    }
    nameProblems(`${where}.name`, a.name, problems);
    if (typeof a.officerRole !== 'string' || !ID.test(a.officerRole))
      problems.push(`${where}.officerRole: must be a role name`);
    if (!calendarIds.includes(a.calendar))
      problems.push(`${where}.calendar: ${String(a.calendar)} is not a listed calendar`);
    const limit = a.complaintLimitHours;
    if (typeof limit !== 'number' || !(limit > 0) || limit > 8760)
      problems.push(`${where}.complaintLimitHours: must be hours > 0 and <= 8760`);
    const target = a.withinLimitTarget;
    if (typeof target !== 'number' || !(target >= 0 && target <= 1))
      problems.push(`${where}.withinLimitTarget: must be a share from 0 to 1`);
    const steps = arrayAt(a.steps);
    if (steps.length === 0) problems.push(`${where}.steps: must list at least one step`);
    steps.forEach((s, j) => stepProblems(`${where}.steps.${j}`, s, problems));
    duplicates(
      `${where}.steps`,
      steps.map((s) => (isObject(s) ? s.id : undefined)),
      problems,
    );
  });
  duplicates(
    'agencies',
    agencies.map((a) => (isObject(a) ? a.id : undefined)),
    problems,
  );
  const trader = raw.traderSteps;
  if (!isObject(trader)) problems.push('traderSteps: must be { "calendar": "...", "steps": [...] }');
  else {
    if (!calendarIds.includes(trader.calendar))
      problems.push(`traderSteps.calendar: ${String(trader.calendar)} is not a listed calendar`);
    arrayAt(trader.steps).forEach((s, j) => stepProblems(`traderSteps.steps.${j}`, s, problems));
  }
  return problems;
}

export function routingRulesProblems(raw: unknown, registry: AgencyRegistry): string[] {
  if (!isObject(raw)) return ['the file must hold a JSON object'];
  const problems: string[] = [];
  unknownKeys('', raw, ['version', 'description', 'rules'], problems);
  if (raw.version !== 1) problems.push('version: must be 1');
  const rules = arrayAt(raw.rules);
  rules.forEach((r, i) => {
    const where = `rules.${i}`;
    if (!isObject(r)) return problems.push(`${where}: must be an object`);
    unknownKeys(where, r, ['id', 'agency', 'step', 'description', 'source', 'when'], problems);
    if (typeof r.id !== 'string' || !/^[A-Z0-9][A-Z0-9-]{1,63}$/.test(r.id))
      problems.push(`${where}.id: must be an upper-case code`);
    if (typeof r.description !== 'string' || !r.description)
      problems.push(`${where}.description: must say why the rule exists`);
    if (r.agency === TRADER || typeof r.agency !== 'string' || !registry.step(r.agency, String(r.step))) {
      problems.push(`${where}: ${String(r.agency)}/${String(r.step)} is not an agency step of the registry`);
    }
    const when = r.when;
    if (!isObject(when)) return problems.push(`${where}.when: must be an object`);
    unknownKeys(
      `${where}.when`,
      when,
      ['hsCodes', 'origins', 'tradeModes', 'traderStatus', 'directions'],
      problems,
    );
    const list = (key: string, valid: (v: unknown) => boolean, expected: string) => {
      const value = when[key];
      if (value === undefined) return;
      if (!Array.isArray(value) || value.length === 0)
        return problems.push(`${where}.when.${key}: must be a non-empty list`);
      value.forEach((v, j) => {
        if (!valid(v)) problems.push(`${where}.when.${key}.${j}: ${expected}`);
      });
    };
    list(
      'hsCodes',
      (v) => typeof v === 'string' && hsPatternProblem(v) === '',
      "a 2, 4 or 6 digit HS prefix or a range 'from-to'",
    );
    list('origins', (v) => typeof v === 'string' && /^[A-Z]{2}$/.test(v), 'an ISO 3166 alpha-2 code');
    list('tradeModes', (v) => typeof v === 'string' && /^\d{4}$/.test(v), 'a 4-digit trade mode code');
    list(
      'traderStatus',
      (v) => (TRADER_STATUSES as readonly unknown[]).includes(v),
      `one of ${TRADER_STATUSES.join(', ')}`,
    );
    list(
      'directions',
      (v) => (ROUTING_DIRECTIONS as readonly unknown[]).includes(v),
      `one of ${ROUTING_DIRECTIONS.join(', ')}`,
    );
  });
  duplicates(
    'rules',
    rules.map((r) => (isObject(r) ? r.id : undefined)),
    problems,
  );
  return problems;
}

export function greenChannelRegisterProblems(raw: unknown): string[] {
  if (!isObject(raw)) return ['the file must hold a JSON object'];
  const problems: string[] = [];
  unknownKeys('', raw, ['version', 'description', 'aeo', 'majorProjects'], problems);
  if (raw.version !== 1) problems.push('version: must be 1');
  const validity = (where: string, e: Json) => {
    if (typeof e.validFrom !== 'string' || !DATE.test(e.validFrom))
      problems.push(`${where}.validFrom: must be YYYY-MM-DD`);
    if (typeof e.validTo !== 'string' || !DATE.test(e.validTo))
      problems.push(`${where}.validTo: must be YYYY-MM-DD`);
    else if (typeof e.validFrom === 'string' && e.validTo < e.validFrom)
      problems.push(`${where}.validTo: before validFrom`);
  };
  arrayAt(raw.aeo).forEach((e, i) => {
    const where = `aeo.${i}`;
    if (!isObject(e)) return problems.push(`${where}: must be an object`);
    unknownKeys(where, e, ['partyId', 'certificate', 'level', 'validFrom', 'validTo'], problems);
    if (typeof e.partyId !== 'string' || !PARTY.test(e.partyId))
      problems.push(`${where}.partyId: must be a party id`);
    if (typeof e.certificate !== 'string' || !/^[A-Z0-9-]{4,64}$/.test(e.certificate))
      problems.push(`${where}.certificate: must be a certificate number`);
    if (e.level !== 'advanced' && e.level !== 'general')
      problems.push(`${where}.level: must be advanced or general`);
    validity(where, e);
  });
  arrayAt(raw.majorProjects).forEach((e, i) => {
    const where = `majorProjects.${i}`;
    if (!isObject(e)) return problems.push(`${where}: must be an object`);
    unknownKeys(where, e, ['code', 'partyId', 'name', 'validFrom', 'validTo'], problems);
    if (typeof e.code !== 'string' || !/^[A-Z0-9-]{4,64}$/.test(e.code))
      problems.push(`${where}.code: must be a project code`);
    if (typeof e.partyId !== 'string' || !PARTY.test(e.partyId))
      problems.push(`${where}.partyId: must be a party id`);
    if (typeof e.name !== 'string' || !e.name) problems.push(`${where}.name: must be a non-empty string`);
    validity(where, e);
  });
  return problems;
}

function checked<T>(raw: unknown, problems: string[], source: string): T {
  if (problems.length > 0) throw new ConfigError(`${source} invalid:\n  ${problems.join('\n  ')}`);
  return raw as T;
}

export function parseAgencyRegistry(
  raw: unknown,
  source: string,
  options: { continuous?: boolean } = {},
): AgencyRegistry {
  return new AgencyRegistry(checked<AgencyRegistryData>(raw, agencyRegistryProblems(raw), source), options);
}

export function parseRoutingRules(raw: unknown, registry: AgencyRegistry, source: string): RoutingRule[] {
  return checked<{ rules: RoutingRule[] }>(raw, routingRulesProblems(raw, registry), source).rules;
}

export function parseGreenChannelRegister(raw: unknown, source: string): GreenChannelRegisterData {
  const data = checked<GreenChannelRegisterData & { version: 1 }>(
    raw,
    greenChannelRegisterProblems(raw),
    source,
  );
  return { aeo: data.aeo ?? [], majorProjects: data.majorProjects ?? [] };
}

/** The files the settings name, or those shipped in config/. */
export interface RegistryFiles {
  AGENCY_REGISTRY_FILE?: string;
  ROUTING_RULES_FILE?: string;
  GREEN_CHANNEL_REGISTER_FILE?: string;
}

export function readAgencyRegistry(
  env: RegistryFiles = process.env,
  options: { continuous?: boolean } = {},
): AgencyRegistry {
  const file = env.AGENCY_REGISTRY_FILE || sharedConfigFile('agencies.json');
  return parseAgencyRegistry(
    readJsonFile(file, 'AGENCY_REGISTRY_FILE'),
    `Agency registry ${path.resolve(file)}`,
    options,
  );
}

export function readRoutingRules(registry: AgencyRegistry, env: RegistryFiles = process.env): RoutingRule[] {
  const file = env.ROUTING_RULES_FILE || sharedConfigFile('routing-rules.json');
  return parseRoutingRules(
    readJsonFile(file, 'ROUTING_RULES_FILE'),
    registry,
    `Routing rules ${path.resolve(file)}`,
  );
}

export function readGreenChannelRegister(env: RegistryFiles = process.env): GreenChannelRegisterData {
  const file = env.GREEN_CHANNEL_REGISTER_FILE || sharedConfigFile('green-channel.json');
  return parseGreenChannelRegister(
    readJsonFile(file, 'GREEN_CHANNEL_REGISTER_FILE'),
    `Green-channel register ${path.resolve(file)}`,
  );
}

export type { StepDefinition };
