import { namedEvent } from '../testing/named-events';
import { applyEvent, emptyTimeline, type FoldedEvent, type TimelineFacts } from '../timelines/timeline';
import { newMeasurements } from './measurements';

const events: FoldedEvent[] = [
  namedEvent('CargoArrived', '2026-03-02T00:00:00.000Z'),
  namedEvent('DeclarationLodged', '2026-03-02T01:00:00.000Z', { greenChannel: false }),
  namedEvent('DeclarationAccepted', '2026-03-02T01:00:00.000Z'),
  namedEvent('RiskAssessed', '2026-03-02T02:00:00.000Z', { channel: 'GREEN' }),
  namedEvent('PaymentSettled', '2026-03-02T04:00:00.000Z'),
  namedEvent('ShipmentReleased', '2026-03-02T05:00:00.000Z'),
];

/** Folds the events one by one and collects what each step newly measures. */
function observed(order: typeof events) {
  let timeline: TimelineFacts = emptyTimeline('S1');
  const clearance: number[] = [];
  const stages: string[] = [];
  for (const e of order) {
    const next = applyEvent(timeline, e);
    const fresh = newMeasurements(timeline, next);
    if (fresh.clearanceHours !== null) clearance.push(fresh.clearanceHours);
    if (fresh.traderHours !== null) stages.push(`trader=${fresh.traderHours}`);
    stages.push(...Object.entries(fresh.stageHours).map(([stage, hours]) => `${stage}=${hours}`));
    timeline = next;
  }
  return { clearance, stages: stages.sort() };
}

describe('measurements made known by a fold', () => {
  const expected = { clearance: [5], stages: ['filing=1', 'payment=3', 'release=1', 'risk=1'] };

  it('measures each stage and the clearance once, in order', () => {
    expect(observed(events)).toEqual(expected);
  });

  it('measures the same once in reverse order and with every event delivered twice', () => {
    expect(observed([...events].reverse())).toEqual(expected);
    expect(observed(events.flatMap((e) => [e, e]))).toEqual(expected);
  });

  it("measures the trader's wait for the payment once, with the release, and leaves it out of payment", () => {
    const requested = namedEvent('PaymentRequested', '2026-03-02T02:30:00.000Z', { paymentId: 'P1' });
    const settled = events.map((e) =>
      e.name === 'PaymentSettled' ? { ...e, payload: { ...e.payload, paymentId: 'P1' } } : e,
    );
    // the request precedes its settlement on the logistics topic, so the fold sees it first
    const withWait = [...settled.slice(0, 3), requested, ...settled.slice(3)];
    // payment 1 → 4 less the trader's 2.5 → 4: 1.5 h; the trader 1.5 h
    const expectedWithWait = {
      clearance: [5],
      stages: ['filing=1', 'payment=1.5', 'release=1', 'risk=1', 'trader=1.5'],
    };
    expect(observed(withWait)).toEqual(expectedWithWait);
    // folded the other way round, payment is measured before its request is known (the statistics
    // read the stored timeline and are exact; the histogram keeps its first observation)
    expect(observed([...withWait].reverse()).clearance).toEqual([5]);
    expect(observed(withWait.flatMap((e) => [e, e]))).toEqual(expectedWithWait);
  });

  it('waits for the risk channel so that every observation has its label', () => {
    const withoutRisk = events.filter((e) => e.name !== 'RiskAssessed');
    expect(observed(withoutRisk)).toEqual({ clearance: [], stages: [] });
  });
});
