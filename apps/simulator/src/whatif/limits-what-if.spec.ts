import { readAgencyRegistry, readGreenChannelRegister } from '@tongguan/agencies';
import fs from 'node:fs';
import path from 'node:path';
import { calendarFileOf, loadScenario } from '../scenario/scenario-file';
import { parameterSources } from '../scenario/scenario-sources';
import { PARAMETERS } from '../scenario/scenario';
import {
  knownSteps,
  NO_LIMIT_HOURS,
  parseStepLimit,
  platformLimits,
  registryForScenario,
} from './limits-what-if';
import { writePlatformSettings } from './platform-settings';

const shipped = readAgencyRegistry({});
const reform = loadScenario('single-window');
const old = loadScenario('baseline');
const sources = { parameters: parameterSources(), registry: 'config/agencies.json: Limits: ...' };

describe('platformLimits', () => {
  it("cuts every agency step by 53% with --limits 0.47, inspection's through the scenario, the trader's left alone", () => {
    const { registry, scenario } = platformLimits(
      shipped,
      reform.scenario,
      { factor: 0.47, steps: [] },
      sources,
    );
    const limit = (owner: string, step: string, green = false) => registry.limitHours(owner, step, green);
    expect(limit('licensing', 'licence-verification')).toBe(7.52);
    expect(limit('licensing', 'licence-verification', true)).toBe(3.76);
    expect(limit('customs', 'acceptance-review')).toBe(0.94);
    expect(limit('health', 'registration-check')).toBe(3.76);
    expect(scenario.limits).toEqual({ yellowHours: 1.88, redHours: 3.76, tacitApproval: true });
    expect(limit('inspection', 'document-check')).toBe(1.88);
    expect(limit('inspection', 'physical-inspection', true)).toBe(1.88);
    expect(limit('trader', 'payment')).toBe(24);
    expect(limit('trader', 'notice-answer')).toBe(72);
    // the scenario as filed keeps its values
    expect(reform.scenario.limits.yellowHours).toBe(4);
  });

  it('prints every changed parameter with its value before and after, its source and the what-if', () => {
    const { changes } = platformLimits(shipped, reform.scenario, { factor: 0.47, steps: [] }, sources);
    expect(changes.find((c) => c.parameter === 'limits.yellowHours')).toEqual({
      parameter: 'limits.yellowHours',
      before: '4 h',
      after: '1.88 h',
      source: expect.stringContaining('inspection/document-check'),
      changedBy: 'limits ×0.47',
    });
    expect(changes.find((c) => c.parameter === 'licensing/licence-verification')).toEqual({
      parameter: 'licensing/licence-verification',
      before: '16 h (green 8 h)',
      after: '7.52 h (green 3.76 h)',
      source: 'config/agencies.json: Limits: ...',
      changedBy: 'limits ×0.47',
    });
    expect(changes.find((c) => c.parameter === 'inspection/document-check')?.source).toBe(
      "the scenario's limits.yellowHours",
    );
    expect(changes.map((c) => c.parameter)).not.toContain('trader/payment');
  });

  it('lets --limit set one step (its green limit in proportion) over the factor, trader steps included', () => {
    const { registry, scenario, changes } = platformLimits(shipped, reform.scenario, {
      factor: 0.47,
      steps: [
        { owner: 'licensing', step: 'licence-verification', hours: 4 },
        { owner: 'inspection', step: 'physical-inspection', hours: 6 },
        { owner: 'trader', step: 'payment', hours: 12 },
      ],
    });
    expect(registry.limitHours('licensing', 'licence-verification', false)).toBe(4);
    expect(registry.limitHours('licensing', 'licence-verification', true)).toBe(2);
    expect(registry.limitHours('health', 'registration-check', false)).toBe(3.76);
    expect(scenario.limits.redHours).toBe(6);
    expect(registry.limitHours('inspection', 'physical-inspection', true)).toBe(3);
    expect(registry.limitHours('trader', 'payment', false)).toBe(12);
    expect(changes[0].changedBy).toBe(
      'limits ×0.47, licensing/licence-verification=4 h, inspection/physical-inspection=6 h, trader/payment=12 h',
    );
  });

  it('runs the baseline with no limit on any agency step, and caps a what-if at the services’ maximum', () => {
    const asIs = registryForScenario(shipped, old.scenario);
    expect(asIs.limitHours('licensing', 'licence-verification', false)).toBe(NO_LIMIT_HOURS);
    expect(asIs.limitHours('customs', 'acceptance-review', true)).toBe(NO_LIMIT_HOURS);
    expect(asIs.limitHours('inspection', 'document-check', false)).toBe(NO_LIMIT_HOURS);
    expect(asIs.limitHours('trader', 'payment', false)).toBe(24);
    const doubled = platformLimits(shipped, old.scenario, { factor: 2, steps: [] }, sources);
    expect(doubled.registry.limitHours('health', 'registration-check', false)).toBe(NO_LIMIT_HOURS);
    expect(doubled.scenario.limits.redHours).toBe(NO_LIMIT_HOURS);
    expect(doubled.changes.map((c) => c.parameter)).toEqual([]);
  });

  it('changes nothing without a what-if', () => {
    const { registry, changes, scenario } = platformLimits(shipped, reform.scenario);
    expect(changes).toEqual([]);
    expect(scenario).toEqual(reform.scenario);
    expect(registry.data.agencies).toEqual(shipped.data.agencies);
  });
});

describe('step names', () => {
  it('lists every step of the registry, the trader’s last, and reads agency/step=hours', () => {
    expect(knownSteps(shipped)).toEqual(
      expect.arrayContaining([
        'customs/acceptance-review',
        'licensing/licence-verification',
        'trader/payment',
      ]),
    );
    expect(knownSteps(shipped).at(-1)).toBe('trader/payment');
    expect(parseStepLimit('health/registration-check=2.5')).toEqual({
      owner: 'health',
      step: 'registration-check',
      hours: 2.5,
    });
    expect(parseStepLimit('health=2')).toMatch(/must be <agency>\/<step>=<hours>/);
    expect(parseStepLimit('health/registration-check=0')).toMatch(/above 0, at most 8760/);
  });
});

describe('parameterSources', () => {
  it('has a source for every scenario parameter', () => {
    const all = parameterSources();
    expect(Object.keys(PARAMETERS).filter((p) => !all[p])).toEqual([]);
    expect(all['limits.tacitApproval']).toMatch(/reform/);
  });
});

describe('writePlatformSettings', () => {
  it("writes the registry the services will read, with the what-if's limits, and the simulator's register", () => {
    const limits = platformLimits(shipped, reform.scenario, { factor: 0.47, steps: [] });
    const settings = writePlatformSettings(limits, calendarFileOf(reform.scenario, reform.file));
    try {
      expect(Object.keys(settings.env).sort()).toEqual([
        'AGENCY_REGISTRY_FILE',
        'GREEN_CHANNEL_REGISTER_FILE',
      ]);
      const read = readAgencyRegistry(settings.env);
      expect(read.limitHours('licensing', 'licence-verification', false)).toBe(7.52);
      expect(read.limitHours('inspection', 'document-check', false)).toBe(1.88);
      expect(read.limitHours('inspection', 'physical-inspection', true)).toBe(1.88);
      // the reform's inspection calendar is the registry's own
      expect(read.agency('inspection')?.calendar).toBe('customs-5+1');
      const register = readGreenChannelRegister(settings.env);
      expect(register.aeo.map((c) => c.partyId)).toEqual(
        expect.arrayContaining(['TRADER-AEO', 'SIM-AEO-01', 'SIM-AEO-03']),
      );
      expect(register.majorProjects.map((p) => p.partyId)).toContain('SIM-PROJECT-02');
    } finally {
      settings.remove();
    }
    expect(fs.existsSync(settings.directory)).toBe(false);
  });

  it("puts inspection on the baseline's five-day week", () => {
    const limits = platformLimits(shipped, old.scenario);
    const settings = writePlatformSettings(limits, calendarFileOf(old.scenario, old.file));
    try {
      const read = readAgencyRegistry(settings.env);
      expect(read.agency('inspection')?.calendar).toBe('scenario-inspection');
      // Saturday 7 March 2026, 10:00 in Shenzhen: no working time on a five-day week
      expect(read.calendarOf('inspection').isWorkingTime(new Date('2026-03-07T02:00:00Z'))).toBe(false);
      expect(read.calendarOf('customs').isWorkingTime(new Date('2026-03-07T02:00:00Z'))).toBe(true);
      expect(path.basename(settings.env.AGENCY_REGISTRY_FILE)).toBe('agencies.json');
    } finally {
      settings.remove();
    }
  });
});
