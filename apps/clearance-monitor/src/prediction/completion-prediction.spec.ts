import { emptyTimeline, type Stamps } from '../timelines/timeline';
import type { ProgressFacts } from '../timelines/shipment-progress';
import { defaultStageTimes, MIN_SAMPLES, predictCompletion, stageTimesFrom } from './completion-prediction';

const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const HOUR = 3_600_000;
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();

function facts(given: Partial<Record<keyof Stamps, number>>, channel: ProgressFacts['channel'] = null) {
  const stamps = { ...emptyTimeline('X').stamps };
  for (const [stamp, hours] of Object.entries(given)) stamps[stamp as keyof Stamps] = at(hours);
  return { stamps, channel };
}

describe('predicted completion', () => {
  const defaults = defaultStageTimes(20); // filing 2, risk 1, inspection 5, payment 3, release 1

  it('adds what is left of each stage to the elapsed time (defaults, channel not yet known)', () => {
    // now 3 h after arrival; lodged and accepted at 1 h: risk open for 2 h of its 1 h median → 0 left;
    // payment open for 2 h of 3 → 1 left; inspection 5 ahead; release 1 ahead
    // remaining = filing 0 + max(risk 0 + inspection 5, payment 1) + release 1 = 6 → predicted 3 + 6 = 9
    const prediction = predictCompletion(
      facts({ arrival: 0, lodged: 1, accepted: 1 }),
      T0 + 3 * HOUR,
      defaults,
    );
    expect(prediction).toEqual({ elapsedHours: 3, remainingHours: 6, predictedHours: 9 });
  });

  it('uses the medians of the shipment channel from recent history', () => {
    // MIN_SAMPLES released RED shipments whose inspection took 12 h each
    const history = Array.from({ length: MIN_SAMPLES }, () =>
      facts(
        { arrival: 0, lodged: 1, accepted: 1, riskAssessed: 2, inspected: 14, paid: 4, released: 15 },
        'RED',
      ),
    );
    const times = stageTimesFrom(history, 20);
    expect(times.byChannel.RED).toEqual({ filing: 1, risk: 1, inspection: 12, payment: 3, release: 1 });
    expect(times.byChannel.GREEN.inspection).toBe(0);
    // RED in inspection since 2 h, now 6 h: 12 − 4 = 8 left; paid; release 1 → predicted 6 + 9 = 15
    const red = facts({ arrival: 0, lodged: 1, accepted: 1, riskAssessed: 2, paid: 3 }, 'RED');
    expect(predictCompletion(red, T0 + 6 * HOUR, times)?.predictedHours).toBe(15);
    // YELLOW has no history of its own: the median over all channels stands in (inspection 12)
    expect(times.byChannel.YELLOW.inspection).toBe(12);
  });

  it('falls back to the default for a stage with too few samples', () => {
    const few = stageTimesFrom([facts({ arrival: 0, lodged: 10, released: 30 }, 'RED')], 20);
    expect(few).toEqual(defaultStageTimes(20));
  });

  it('has nothing to predict before arrival or after release', () => {
    expect(predictCompletion(facts({ lodged: 0 }), T0, defaults)).toBeNull();
    expect(predictCompletion(facts({ arrival: 0, released: 2 }), T0 + 3 * HOUR, defaults)).toBeNull();
  });

  it('never predicts less than the time already elapsed', () => {
    const late = facts({ arrival: 0, lodged: 1, accepted: 1, riskAssessed: 2, inspected: 3, paid: 3 }, 'RED');
    expect(predictCompletion(late, T0 + 30 * HOUR, defaults)).toEqual({
      elapsedHours: 30,
      remainingHours: 0,
      predictedHours: 30,
    });
  });
});
