import { loadScenario, withOverrides } from '../scenario/scenario-file';
import { declarationBody } from './declaration-body';
import { behaviourOf, leadInHours, TrafficPlanner } from './traffic-plan';

describe('TrafficPlanner', () => {
  const { scenario } = loadScenario('single-window');

  it('gives the same traffic for the same seed, other traffic for another', () => {
    const a = new TrafficPlanner(scenario, 'SIMA').plan(40);
    const b = new TrafficPlanner(scenario, 'SIMA').plan(40);
    const c = new TrafficPlanner({ ...scenario, seed: 'another day' }, 'SIMA').plan(40);
    expect(b).toEqual(a);
    expect(c.map((call) => call.arrivalHour)).not.toEqual(a.map((call) => call.arrivalHour));
  });

  it('plans exactly the asked number of shipments, in vessel calls arriving one after another', () => {
    const calls = new TrafficPlanner(scenario, 'SIMB').plan(10);
    expect(calls.flatMap((c) => c.shipments)).toHaveLength(10);
    expect(calls.map((c) => c.shipments.length)).toEqual([4, 4, 2]);
    const arrivals = calls.map((c) => c.arrivalHour);
    expect([...arrivals].sort((x, y) => x - y)).toEqual(arrivals);
    expect(new Set(calls.flatMap((c) => c.shipments.map((s) => s.blNumber))).size).toBe(10);
    expect(calls[0].shipments[0].blNumber).toMatch(/^SIMB\d{6}$/);
  });

  it('leaves the longest pre-arrival lead before the first call, when the scenario files before arrival', () => {
    expect(leadInHours(scenario)).toBe(48);
    expect(leadInHours(loadScenario('baseline').scenario)).toBe(0);
    const calls = new TrafficPlanner(scenario, 'SIMF', 48).plan(40).flatMap((c) => c.shipments);
    expect(calls.every((p) => behaviourOf(p, scenario).firstFilingHour > 0)).toBe(true);
    expect(calls[0].arrivalHour).toBeGreaterThan(48);
  });

  it('arrives at about the scenario rate over many days', () => {
    const calls = new TrafficPlanner(scenario, 'SIMC').plan(6000);
    const days = calls[calls.length - 1].arrivalHour / 24;
    expect(6000 / days).toBeGreaterThan(55);
    expect(6000 / days).toBeLessThan(65);
  });
});

describe('behaviourOf', () => {
  const { scenario } = loadScenario('single-window');
  const plans = new TrafficPlanner(scenario, 'SIMD').plan(2000).flatMap((c) => c.shipments);
  const share = (f: (b: ReturnType<typeof behaviourOf>) => boolean, s = scenario) =>
    plans.filter((p) => f(behaviourOf(p, s))).length / plans.length;

  it('reads the draws at the scenario rates', () => {
    expect(share((b) => b.filedBeforeArrival)).toBeCloseTo(0.6, 1);
    expect(share((b) => b.riskProfile === 'RED')).toBeCloseTo(0.05, 1);
    expect(share((b) => b.greenGround === 'aeo')).toBeCloseTo(0.15, 1);
  });

  it('files before arrival (never before the run starts) or after it', () => {
    for (const plan of plans.slice(0, 200)) {
      const b = behaviourOf(plan, scenario);
      if (b.filedBeforeArrival) expect(b.firstFilingHour).toBeLessThanOrEqual(plan.arrivalHour);
      else expect(b.firstFilingHour).toBeGreaterThan(plan.arrivalHour);
      expect(b.firstFilingHour).toBeGreaterThanOrEqual(0);
    }
  });

  it('a higher red rate on replay turns more of the same shipments RED and keeps the RED ones RED', () => {
    const more = withOverrides(scenario, ['risk.redRate=0.2']);
    expect(share((b) => b.riskProfile === 'RED', more)).toBeCloseTo(0.2, 1);
    const redBefore = plans.filter((p) => behaviourOf(p, scenario).riskProfile === 'RED');
    expect(redBefore.every((p) => behaviourOf(p, more).riskProfile === 'RED')).toBe(true);
  });
});

describe('declarationBody', () => {
  const { scenario } = loadScenario('single-window');
  const plan = new TrafficPlanner(scenario, 'SIME').plan(1)[0].shipments[0];

  it('carries the green-channel ground the scenario gives the shipment', () => {
    const aeo = declarationBody(
      plan,
      { ...behaviourOf(plan, scenario), greenGround: 'aeo' },
      'V',
      '1E',
      false,
    );
    expect(aeo.aeoTraderId).toMatch(/^AEO-CN-/);
    const project = declarationBody(
      plan,
      { ...behaviourOf(plan, scenario), greenGround: 'major-project' },
      'V',
      '1E',
      false,
    );
    expect(project.majorProjectCode).toMatch(/^MP-2026-/);
    const plain = declarationBody(
      plan,
      { ...behaviourOf(plan, scenario), greenGround: null },
      'V',
      '1E',
      false,
    );
    expect(plain).not.toHaveProperty('aeoTraderId');
    expect(plain).not.toHaveProperty('majorProjectCode');
  });

  it('a deficient filing differs from the corrected one in two fields', () => {
    const b = behaviourOf(plan, scenario);
    const bad = declarationBody(plan, b, 'V', '1E', true);
    const good = declarationBody(plan, b, 'V', '1E', false);
    const differing = Object.keys(good).filter((k) => JSON.stringify(good[k]) !== JSON.stringify(bad[k]));
    expect(differing.sort()).toEqual(['grossWeightKg', 'portOfLoading']);
  });
});
