import { emptyTimeline, type Stamps } from '../timelines/timeline';
import { exampleStamps, hoursAfter, WORKED_EXAMPLE } from '../testing/worked-example';
import { bottleneckStage, clearanceSeries, clearanceStatistics, percentile } from './clearance-statistics';

function shipment(arrival: string, releasedAfterHours: number, channel: string, greenChannel = false) {
  const stamps: Stamps = { ...emptyTimeline('X').stamps, arrival };
  stamps.released = new Date(Date.parse(arrival) + releasedAfterHours * 3_600_000).toISOString();
  return { stamps, channel: channel as 'GREEN', greenChannel };
}

const ARRIVAL = '2026-03-02T00:00:00.000Z';
const example = WORKED_EXAMPLE.map((e) => ({
  stamps: exampleStamps(e, ARRIVAL),
  channel: e.channel,
  greenChannel: e.greenChannel,
}));

describe('clearanceStatistics', () => {
  it('splits imports and exports, with an export measured to its release for loading and to departure', () => {
    const exported = (releasedAfter: number, departedAfter: number) => {
      const s = shipment(ARRIVAL, releasedAfter, 'GREEN');
      s.stamps.departed = hoursAfter(ARRIVAL, departedAfter);
      return { ...s, direction: 'export' as const };
    };
    const stats = clearanceStatistics(
      [shipment(ARRIVAL, 10, 'RED'), exported(2, 20), exported(4, 30), shipment(ARRIVAL, 30, 'RED')],
      20,
    );
    expect(stats.count).toBe(4);
    expect(stats.byDirection.import).toMatchObject({ count: 2, meanHours: 20, withinTargetRatio: 0.5 });
    expect(stats.byDirection.export).toMatchObject({ count: 2, meanHours: 3, withinTargetRatio: 1 });
    expect(stats.byDirection.export.departure).toMatchObject({ count: 2, meanHours: 25, p50Hours: 25 });
  });

  it('reports both directions even when one has no shipment', () => {
    const stats = clearanceStatistics([shipment(ARRIVAL, 10, 'RED')], 20);
    expect(stats.byDirection.export).toMatchObject({ count: 0, meanHours: null, departure: { count: 0 } });
  });

  it('matches a hand-computed example', () => {
    // clearance hours: 2, 4, 10, 18, 30 → mean 12.8; p50 10; p90 = 18 + 0.6 × 12 = 25.2; 3 of 5 within 12 h
    const shipments = [
      shipment('2026-03-02T00:00:00Z', 2, 'GREEN', true),
      shipment('2026-03-02T00:00:00Z', 4, 'GREEN'),
      shipment('2026-03-02T00:00:00Z', 10, 'YELLOW'),
      shipment('2026-03-02T00:00:00Z', 18, 'RED'),
      shipment('2026-03-02T00:00:00Z', 30, 'RED'),
    ];
    const stats = clearanceStatistics(shipments, 12);
    expect(stats.count).toBe(5);
    expect(stats.meanHours).toBe(12.8);
    expect(stats.p50Hours).toBe(10);
    expect(stats.p90Hours).toBe(25.2);
    expect(stats.p99Hours).toBe(29.52);
    expect(stats.withinTargetRatio).toBe(0.6);
    expect(stats.byChannel.RED).toMatchObject({ count: 2, meanHours: 24, withinTargetRatio: 0 });
    expect(stats.byChannel.GREEN).toMatchObject({ count: 2, meanHours: 3 });
    expect(stats.byGreenChannel.green).toMatchObject({ count: 1, meanHours: 2 });
  });

  it('computes the worked example: clearance, every stage, and each split', () => {
    const stats = clearanceStatistics(example, 20);
    // clearance = released − arrival: A 2, B 7, C 18, D 25 (sorted) → mean 52 / 4 = 13;
    // p50 at rank 0.5 × 3 = 1.5 → 7 + 0.5 × (18 − 7) = 12.5; p90 at rank 2.7 → 18 + 0.7 × 7 = 22.9;
    // p99 at rank 2.97 → 18 + 0.97 × 7 = 24.79; within 20 h: A, B, C → 3 / 4 = 0.75
    expect(stats).toMatchObject({
      count: 4,
      targetHours: 20,
      meanHours: 13,
      p50Hours: 12.5,
      p90Hours: 22.9,
      p99Hours: 24.79,
      withinTargetRatio: 0.75,
    });
    // filing (arrival → lodged, A lodged 2 h before arrival counts 0): 0, 1, 2, 4 → mean 1.75,
    //   p50 rank 1.5 → 1.5, p90 rank 2.7 → 2 + 0.7 × 2 = 3.4
    // risk (lodged → riskAssessed): A 0.5, B 1, C 1, D 2 → mean 1.125, p50 1, p90 1 + 0.7 × 1 = 1.7
    // inspection (riskAssessed → inspected; GREEN A has none): 4, 12, 18 → mean 34 / 3 = 11.333,
    //   p50 12, p90 rank 1.8 → 12 + 0.8 × 6 = 16.8
    // payment (accepted → paid): A 3, B 3, C 3, D 6 → mean 3.75, p50 3, p90 3 + 0.7 × 3 = 5.1
    // release (last of accepted, cleared, paid → released): A 2 − max(−2, −1.5, 1) = 1, B 7 − 6 = 1,
    //   C 18 − 15 = 3, D 25 − 24 = 1 → sorted 1, 1, 1, 3: mean 1.5, p50 1, p90 1 + 0.7 × 2 = 2.4
    expect(stats.byStage).toEqual({
      filing: { count: 4, meanHours: 1.75, p50Hours: 1.5, p90Hours: 3.4 },
      risk: { count: 4, meanHours: 1.125, p50Hours: 1, p90Hours: 1.7 },
      inspection: { count: 3, meanHours: 11.333, p50Hours: 12, p90Hours: 16.8 },
      payment: { count: 4, meanHours: 3.75, p50Hours: 3, p90Hours: 5.1 },
      release: { count: 4, meanHours: 1.5, p50Hours: 1, p90Hours: 2.4 },
      // no shipment of the example waited on the trader for a request the monitor saw
      trader: { count: 0, meanHours: null, p50Hours: null, p90Hours: null },
    });
    // RED: C 18, D 25 → mean 21.5, p50 21.5, p90 18 + 0.9 × 7 = 24.3, 1 of 2 within 20 h
    expect(stats.byChannel).toMatchObject({
      GREEN: { count: 1, meanHours: 2, withinTargetRatio: 1 },
      YELLOW: { count: 1, meanHours: 7 },
      RED: { count: 2, meanHours: 21.5, p50Hours: 21.5, p90Hours: 24.3, withinTargetRatio: 0.5 },
    });
    // standard: 7, 18, 25 → mean 50 / 3 = 16.667, p50 18, 2 of 3 within 20 h
    expect(stats.byGreenChannel).toMatchObject({
      green: { count: 1, meanHours: 2 },
      standard: { count: 3, meanHours: 16.667, p50Hours: 18, withinTargetRatio: 0.667 },
    });
    // longest stage: A payment 3 h (logistics); B inspection 4, C 12, D 18 (inspection)
    expect(stats.byAgency).toMatchObject({
      logistics: { count: 1, meanHours: 2 },
      inspection: { count: 3, meanHours: 16.667, p50Hours: 18 },
    });
    // release day: A, B, C on 2 March (2, 7, 18 → mean 9); D released 01:00 on 3 March
    expect(stats.byDay).toMatchObject({
      '2026-03-02': { count: 3, meanHours: 9, p50Hours: 7 },
      '2026-03-03': { count: 1, meanHours: 25, withinTargetRatio: 0 },
    });
  });

  it("bills the trader's waits to the trader: out of inspection and payment, into byStage.trader", () => {
    // C of the example (RED, risk at 3, paid at 5, inspected at 15, released at 18) with a notice
    // answered in 8 h (4 → 12) and a payment request settled in 2.5 h (2.5 → 5)
    const c = example[2];
    const withWaits = {
      ...c,
      traderWaits: [
        {
          kind: 'notice' as const,
          id: 'R1',
          requestedAt: hoursAfter(ARRIVAL, 4),
          answeredAt: hoursAfter(ARRIVAL, 12),
        },
        {
          kind: 'payment' as const,
          id: 'P1',
          requestedAt: hoursAfter(ARRIVAL, 2.5),
          answeredAt: hoursAfter(ARRIVAL, 5),
        },
      ],
    };
    const stats = clearanceStatistics([withWaits], 20);
    // inspection 12 − 8 = 4; payment (2 → 5) 3 − 2.5 = 0.5; the trader: 2.5 → 12 = 9.5
    expect(stats.byStage.inspection.meanHours).toBe(4);
    expect(stats.byStage.payment.meanHours).toBe(0.5);
    expect(stats.byStage.trader).toEqual({ count: 1, meanHours: 9.5, p50Hours: 9.5, p90Hours: 9.5 });
    // the longest wait was the trader's: the importer held the shipment longest
    expect(bottleneckStage(withWaits)).toBe('trader');
    expect(Object.keys(stats.byAgency)).toEqual(['importer']);
    expect(stats.meanHours).toBe(18); // clearance itself is release − arrival, whoever held it
  });

  it('ignores shipments not yet released and answers nulls for an empty window', () => {
    const inFlight = {
      stamps: { ...emptyTimeline('X').stamps, arrival: '2026-03-02T00:00:00Z' },
      channel: null,
      greenChannel: false,
    };
    const stats = clearanceStatistics([inFlight], 20);
    expect(stats).toMatchObject({ count: 0, meanHours: null, p90Hours: null, withinTargetRatio: null });
    expect(stats.byStage.filing).toEqual({ count: 0, meanHours: null, p50Hours: null, p90Hours: null });
  });

  it('interpolates percentiles between ranks', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([7], 99)).toBe(7);
  });

  it('names the longest stage as the bottleneck', () => {
    expect(example.map(bottleneckStage)).toEqual(['payment', 'inspection', 'inspection', 'inspection']);
  });
});

describe('clearanceSeries', () => {
  it('buckets released shipments by release time', () => {
    const from = Date.parse(ARRIVAL);
    // 12-hour buckets from arrival: A (released at 2 h) and B (7 h) in the first, C (18 h) in the
    // second, D (25 h) in the third; the fourth is empty
    const buckets = clearanceSeries(example, from, from + 48 * 3_600_000, 720);
    expect(buckets).toEqual([
      { start: '2026-03-02T00:00:00.000Z', count: 2, p50Hours: 4.5, p90Hours: 6.5 },
      { start: '2026-03-02T12:00:00.000Z', count: 1, p50Hours: 18, p90Hours: 18 },
      { start: '2026-03-03T00:00:00.000Z', count: 1, p50Hours: 25, p90Hours: 25 },
      { start: '2026-03-03T12:00:00.000Z', count: 0, p50Hours: null, p90Hours: null },
    ]);
  });
});
