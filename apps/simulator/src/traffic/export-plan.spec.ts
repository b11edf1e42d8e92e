import { loadScenario } from '../scenario/scenario-file';
import type { Scenario } from '../scenario/scenario';
import { exportDeclarationBody } from './export-declaration-body';
import { exportBehaviourOf, exportsPerCall, TrafficPlanner } from './traffic-plan';

describe('export traffic', () => {
  const { scenario } = loadScenario('single-window');
  const importsOnly: Scenario = { ...scenario, exports: undefined };

  it('leaves the import draws of every call as they were without exports (recorded days stay valid)', () => {
    const withExports = new TrafficPlanner(scenario, 'SIMA').plan(40);
    const without = new TrafficPlanner(importsOnly, 'SIMA').plan(40);
    expect(withExports.map(({ exports, departureHour, ...imports }) => imports)).toEqual(without);
    expect(without.every((call) => call.exports === undefined)).toBe(true);
    expect(withExports.every((call) => (call.exports?.length ?? 0) > 0)).toBe(true);
  });

  it('makes exports the scenario share of all B/Ls over many calls, each with its own B/L number', () => {
    expect(exportsPerCall(0.6, 4)).toBeCloseTo(6, 9);
    const calls = new TrafficPlanner(
      { ...scenario, exports: { ...scenario.exports!, share: 0.3 } },
      'SIMB',
    ).plan(4000);
    const exports = calls.flatMap((c) => c.exports ?? []);
    expect(exports.length / (exports.length + 4000)).toBeCloseTo(0.3, 2);
    expect(new Set(exports.map((e) => e.blNumber)).size).toBe(exports.length);
    expect(exports[0].blNumber).toMatch(/^SIMB\d{4}X\d{2}$/);
    expect(exports[0].importerId).toMatch(/^SIM-EXPORTER-\d{2}$/);
  });

  it('departs after arriving; the exporter lodges before the gate-in, and gates in before the loading', () => {
    const calls = new TrafficPlanner(scenario, 'SIMC', 48).plan(200);
    for (const call of calls) {
      expect(call.departureHour!).toBeGreaterThanOrEqual(call.arrivalHour + 16);
      for (const plan of call.exports!) {
        const b = exportBehaviourOf(plan, scenario);
        expect(b.firstFilingHour).toBeLessThanOrEqual(b.gateInHour);
        expect(b.firstFilingHour).toBeGreaterThanOrEqual(0);
        expect(b.gateInHour).toBeLessThanOrEqual(
          call.departureHour! - scenario.exports!.loadingBeforeDepartureHours,
        );
        expect(b.greenGround).toBeNull();
        expect(b.controlledGoods).toBe(false);
      }
    }
  });

  it('files an FOB export from Shenzhen by the exporter; a deficient one has the two mistakes', () => {
    const plan = new TrafficPlanner(scenario, 'SIMD').plan(4)[0].exports![0];
    const behaviour = exportBehaviourOf(plan, scenario);
    const body = exportDeclarationBody(plan, behaviour, 'OOCL HONG KONG', '101E', false);
    expect(body).toMatchObject({
      blNumber: plan.blNumber,
      direction: 'export',
      incoterm: 'FOB',
      portOfLoading: 'CNSZX',
      consignor: { name: `${plan.importerId} EXPORT CO`, country: 'CN' },
      items: [expect.objectContaining({ originCountry: 'CN' })],
    });
    const deficient = exportDeclarationBody(plan, behaviour, 'OOCL HONG KONG', '101E', true);
    expect(deficient.portOfLoading).toBe('shenzhen');
    const [item] = deficient.items as { netWeightKg: number }[];
    expect(deficient.grossWeightKg).toBeLessThan(item.netWeightKg);
  });
});
