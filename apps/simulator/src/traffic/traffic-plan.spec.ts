import { loadScenario, withOverrides } from '../scenario/scenario-file';
import { registerWithSimulatedTraders } from '../green-channel/simulated-register';
import { declarationBody, goodsOf } from './declaration-body';
import { approvalBehaviourOf, behaviourOf, importerOf, leadInHours, TrafficPlanner } from './traffic-plan';

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

  it("gives a green ground to the register's traders and files the rest as the drawn trader", () => {
    for (const plan of plans.slice(0, 300)) {
      const b = behaviourOf(plan, scenario);
      if (b.greenGround === 'aeo') expect(b.importerId).toMatch(/^SIM-AEO-0[1-3]$/);
      else if (b.greenGround === 'major-project') expect(b.importerId).toMatch(/^SIM-PROJECT-0[12]$/);
      else expect(b.importerId).toBe(plan.importerId);
    }
  });

  it('carries controlled goods at the scenario share, routed by their HS codes', () => {
    expect(share((b) => b.controlledGoods)).toBeCloseTo(0.15, 1);
    const controlled = plans.filter((p) => behaviourOf(p, scenario).controlledGoods);
    const codes = new Set(controlled.map((p) => goodsOf(p, behaviourOf(p, scenario)).hsCode.slice(0, 4)));
    expect([...codes].sort()).toEqual(['3004', '9018', '9303']);
    const ordinary = plans.filter((p) => !behaviourOf(p, scenario).controlledGoods);
    expect(ordinary.some((p) => /^(3004|9018|93)/.test(goodsOf(p, behaviourOf(p, scenario)).hsCode))).toBe(
      false,
    );
  });

  it('puts aside and forgets approvals at the scenario rates, never forgetting a step without tacit approval', () => {
    const approvals = plans.map((p) => approvalBehaviourOf(p, scenario, 0, true));
    const rate = (f: (a: (typeof approvals)[number]) => boolean) =>
      approvals.filter(f).length / approvals.length;
    expect(rate((a) => a.neverDecides)).toBeCloseTo(0.05, 1);
    expect(rate((a) => !a.neverDecides && a.setAsideHours > 0)).toBeGreaterThan(0.15);
    const forgotten = plans.filter((p) => approvalBehaviourOf(p, scenario, 0, true).neverDecides);
    for (const plan of forgotten) {
      const strict = approvalBehaviourOf(plan, scenario, 0, false);
      expect(strict.neverDecides).toBe(false);
      expect(strict.setAsideHours).toBeGreaterThan(0);
    }
    expect(share((b) => b.officerSetsAsideHours > 0)).toBeCloseTo(0.1, 1);
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

  it("names the register's certificate or project of the importer that files, and nothing for another", () => {
    const register = registerWithSimulatedTraders();
    const b = behaviourOf(plan, scenario);
    const aeoTrader = importerOf(plan, 'aeo');
    const aeo = declarationBody(plan, { ...b, greenGround: 'aeo', importerId: aeoTrader }, 'V', '1E', false);
    expect(register.aeo).toContainEqual(
      expect.objectContaining({ partyId: aeoTrader, certificate: aeo.aeoTraderId }),
    );
    expect(aeo.consignee).toMatchObject({ name: `${aeoTrader} IMPORT CO`, country: 'CN' });
    const projectTrader = importerOf(plan, 'major-project');
    const project = declarationBody(
      plan,
      { ...b, greenGround: 'major-project', importerId: projectTrader },
      'V',
      '1E',
      false,
    );
    expect(register.majorProjects).toContainEqual(
      expect.objectContaining({ partyId: projectTrader, code: project.majorProjectCode }),
    );
    const plain = declarationBody(plan, { ...b, greenGround: null }, 'V', '1E', false);
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
