import { emptyTimeline, type Stamps } from '../timelines/timeline';
import type { ProgressFacts } from '../timelines/shipment-progress';
import { defaultStageTimes } from './completion-prediction';
import { assessShipment } from './shipment-assessment';

const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const HOUR = 3_600_000;
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();
const sla = { targetHours: 20, atRiskRatio: 0.75 };
const times = defaultStageTimes(20); // filing 2, risk 1, inspection 5, payment 3, release 1

function facts(given: Partial<Record<keyof Stamps, number>>, channel: ProgressFacts['channel'] = null) {
  const stamps = { ...emptyTimeline('X').stamps };
  for (const [stamp, hours] of Object.entries(given)) stamps[stamp as keyof Stamps] = at(hours);
  return { stamps, channel };
}

describe('shipment assessment against the target', () => {
  const arrivedOnly = facts({ arrival: 0 });

  it('is on track while the prediction and the elapsed share are within the target', () => {
    // 10 h elapsed, filing still open past its 2 h median: 10 + 0 + max(1 + 5, 3) + 1 = 17 ≤ 20
    expect(assessShipment(arrivedOnly, T0 + 10 * HOUR, times, sla)).toMatchObject({
      sla: 'on-track',
      elapsedHours: 10,
      predictedHours: 17,
      stage: 'filing',
      agency: 'importer',
      atRiskReason: null,
    });
  });

  it('is at risk once the prediction passes the target, before the elapsed share does', () => {
    // 14 h elapsed: 14 + 7 = 21 > 20, while 14 h is still under 0.75 × 20 = 15 h
    expect(assessShipment(arrivedOnly, T0 + 14 * HOUR, times, sla)).toMatchObject({
      sla: 'at-risk',
      predictedHours: 21,
      atRiskReason: 'prediction',
    });
  });

  it('falls back on the elapsed share when the prediction stays within the target', () => {
    // all but release done at 16 h: predicted 16 + release left; 16 ≥ 15 h elapsed share
    const nearlyDone = facts({ arrival: 0, lodged: 1, accepted: 1, riskAssessed: 2, paid: 3 }, 'GREEN');
    const assessed = assessShipment(nearlyDone, T0 + 16 * HOUR, times, sla);
    expect(assessed).toMatchObject({ sla: 'at-risk', atRiskReason: 'elapsed', stage: 'release' });
    expect(assessed.predictedHours).toBe(16);
  });

  it('is breached once the target has passed, and met or breached by clearance once released', () => {
    expect(assessShipment(arrivedOnly, T0 + 21 * HOUR, times, sla)).toMatchObject({ sla: 'breached' });
    expect(assessShipment(facts({ arrival: 0, released: 19 }), T0 + 50 * HOUR, times, sla)).toMatchObject({
      sla: 'met',
      clearanceHours: 19,
      elapsedHours: 19,
      predictedHours: null,
    });
    expect(assessShipment(facts({ arrival: 0, released: 20.5 }), T0 + 50 * HOUR, times, sla).sla).toBe(
      'breached',
    );
  });

  it('predicts nothing before arrival', () => {
    expect(assessShipment(facts({ lodged: 0 }), T0 + 30 * HOUR, times, sla)).toMatchObject({
      sla: 'on-track',
      elapsedHours: null,
      predictedHours: null,
      stage: 'risk',
    });
  });
});
