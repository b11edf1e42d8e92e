import { emptyTimeline, type Stamps } from '../timelines/timeline';
import { clearanceStatistics, percentile } from './clearance-statistics';

function shipment(arrival: string, releasedAfterHours: number, channel: string, greenChannel = false) {
  const stamps: Stamps = { ...emptyTimeline('X').stamps, arrival };
  stamps.released = new Date(Date.parse(arrival) + releasedAfterHours * 3_600_000).toISOString();
  return { stamps, channel, greenChannel };
}

describe('clearanceStatistics', () => {
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

  it('ignores shipments not yet released and answers nulls for an empty window', () => {
    const inFlight = {
      stamps: { ...emptyTimeline('X').stamps, arrival: '2026-03-02T00:00:00Z' },
      channel: null,
      greenChannel: false,
    };
    const stats = clearanceStatistics([inFlight], 20);
    expect(stats).toMatchObject({ count: 0, meanHours: null, p90Hours: null, withinTargetRatio: null });
  });

  it('interpolates percentiles between ranks', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([7], 99)).toBe(7);
  });
});
