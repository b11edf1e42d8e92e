import fs from 'node:fs';
import path from 'node:path';
import { PARAMETERS } from './scenario';
import { loadScenario, scenarioProblems, scenariosDirectory, withOverrides } from './scenario-file';

const baseline = () => JSON.parse(fs.readFileSync(path.join(scenariosDirectory(), 'baseline.json'), 'utf8'));

describe('scenario files', () => {
  it.each(['baseline', 'single-window'])('%s.json is valid and its calendar file exists', (name) => {
    const { scenario, file } = loadScenario(name);
    expect(scenario.name).toBe(name);
    expect(fs.existsSync(path.resolve(path.dirname(file), scenario.inspection.calendarFile))).toBe(true);
  });

  it('documents the source of every parameter in SOURCES.md', () => {
    const sources = fs.readFileSync(path.join(scenariosDirectory(), 'SOURCES.md'), 'utf8');
    const undocumented = Object.keys(PARAMETERS).filter((p) => !sources.includes(`\`${p}\``));
    expect(undocumented).toEqual([]);
  });

  it('states the old way and the reform as the brief describes them', () => {
    const old = loadScenario('baseline').scenario;
    const reform = loadScenario('single-window').scenario;
    expect(old.filing.preArrivalShare).toBe(0);
    expect(old.payment.afterInspection).toBe(true);
    expect(old.limits).toEqual({ yellowHours: 8760, redHours: 8760, tacitApproval: false });
    expect(reform.limits.tacitApproval).toBe(true);
    expect(old.approvals.neverDecideShare).toBe(0);
    expect(old.traffic.controlledGoodsShare).toBe(reform.traffic.controlledGoodsShare);
    expect(old.greenChannel).toEqual({ aeoShare: 0, majorProjectShare: 0 });
    expect(reform.filing.preArrivalShare).toBeGreaterThan(0);
    expect(reform.payment.afterInspection).toBe(false);
    expect(reform.greenChannel.aeoShare).toBeGreaterThan(0);
    expect(reform.seed).toBe(old.seed);
  });
});

describe('scenarioProblems', () => {
  it('lists every problem at once, with its path', () => {
    const raw = baseline();
    raw.risk.redRate = 1.5;
    raw.inspection.officers = 0;
    raw.limits.redHours = 9000;
    raw.filing.fixDelayHours = { dist: 'lognormal', median: 2 };
    raw.payment.afterInspection = 'yes';
    raw.traffic.rushHour = 3;
    raw.extra = {};
    delete raw.seed;
    expect(scenarioProblems(raw)).toEqual([
      'seed: must be a text',
      'filing.fixDelayHours.sigma: must be a number >= 0',
      'risk.redRate: must be a share from 0 to 1',
      'inspection.officers: must be a whole number from 1 to 1000',
      'limits.redHours: must be hours above 0, at most 8760',
      'payment.afterInspection: must be true or false',
      'traffic.rushHour: unknown parameter',
      'extra: unknown parameter',
      'risk: yellowRate + redRate must not exceed 1',
    ]);
  });

  it('refuses what is not an object', () => {
    expect(scenarioProblems([])).toEqual(['scenario: must be a JSON object']);
  });

  it('reads a scenario without exports (older files and recordings) as imports only, but checks one that has them', () => {
    const importsOnly = baseline();
    delete importsOnly.exports;
    expect(scenarioProblems(importsOnly)).toEqual([]);
    const raw = baseline();
    raw.exports.share = 1;
    delete raw.exports.berthHours;
    expect(scenarioProblems(raw)).toEqual([
      expect.stringMatching(/^exports.berthHours: must be a distribution/),
      'exports.share: must be below 1 (every vessel call brings imports too)',
    ]);
  });
});

describe('withOverrides', () => {
  const { scenario } = loadScenario('baseline');

  it('sets numbers, booleans and distributions by the kind of the parameter, on a copy', () => {
    const changed = withOverrides(scenario, [
      'inspection.officers=2',
      'risk.redRate=0.1',
      'limits.redHours=8',
      'payment.afterInspection=false',
      'payment.delayHours={"dist":"exponential","mean":1}',
    ]);
    expect(changed.inspection.officers).toBe(2);
    expect(changed.risk.redRate).toBe(0.1);
    expect(changed.limits.redHours).toBe(8);
    expect(changed.payment).toEqual({ afterInspection: false, delayHours: { dist: 'exponential', mean: 1 } });
    expect(scenario.inspection.officers).toBe(4);
  });

  it('refuses unknown parameters, unreadable values and values out of range', () => {
    expect(() => withOverrides(scenario, ['inspection.staff=2', 'risk.redRate=many'])).toThrow(
      /inspection\.staff=2: must be <parameter>=<value>[\s\S]*many is not a share/,
    );
    expect(() => withOverrides(scenario, ['risk.redRate=2'])).toThrow(/risk\.redRate: must be a share/);
  });
});
