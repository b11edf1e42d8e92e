const {
  growthRatio,
  lagOf,
  limitOf,
  percentile,
  perMinuteP99,
  ratio,
  shareOf,
  summarise,
} = require('./stats');

describe('percentiles', () => {
  it('takes the nearest rank, so p50 of 1..10 is 5 and p99 of 1..100 is 99', () => {
    const tens = Array.from({ length: 10 }, (_, i) => i + 1);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(tens, 50)).toBe(5);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('summarises unsorted latencies into rounded p50/p90/p99/max/mean', () => {
    expect(summarise([0.3, 0.1, 0.2, 0.4])).toEqual({
      n: 4,
      p50: 0.2,
      p90: 0.4,
      p99: 0.4,
      max: 0.4,
      mean: 0.25,
    });
    expect(summarise([])).toEqual({ n: 0, p50: null, p90: null, p99: null, max: null, mean: null });
  });
});

describe('the soak', () => {
  it('buckets latencies by the minute their shipment was lodged and compares the last p99 with the first', () => {
    const samples = [
      ...Array.from({ length: 100 }, (_, i) => ({ startedAtSeconds: i * 0.5, value: i === 99 ? 2 : 0.1 })),
      ...Array.from({ length: 100 }, (_, i) => ({ startedAtSeconds: 120 + i * 0.5, value: 0.3 })),
      { startedAtSeconds: 185, value: 50 }, // lodged after the soak's last whole minute: not counted
    ];
    const minutes = perMinuteP99(samples, 3);
    expect(minutes).toEqual([
      { minute: 1, n: 100, p99: 0.1 },
      { minute: 2, n: 0, p99: null },
      { minute: 3, n: 100, p99: 0.3 },
    ]);
    expect(growthRatio(minutes)).toBe(3);
  });

  it('has no ratio with one minute or a minute without releases', () => {
    expect(growthRatio([{ minute: 1, n: 5, p99: 1 }])).toBeNull();
    expect(
      growthRatio([
        { minute: 1, n: 0, p99: null },
        { minute: 2, n: 5, p99: 1 },
      ]),
    ).toBeNull();
  });
});

describe('the limit', () => {
  it('is the scarcer of the broker and the store, per shipment', () => {
    const limit = limitOf({
      kafkaMsgsPerSecond: 6000,
      msgsPerShipment: 12,
      storeOpsPerSecond: 3000,
      storeOpsPerShipment: 200,
    });
    expect(limit).toEqual({ shipmentsPerSecond: 15, boundBy: 'store', kafka: 500, store: 15 });
  });

  it('leaves out a side with no figure (a build without the store counter)', () => {
    const limit = limitOf({
      kafkaMsgsPerSecond: 6000,
      msgsPerShipment: 12,
      storeOpsPerSecond: 3000,
      storeOpsPerShipment: null,
    });
    expect(limit).toEqual({ shipmentsPerSecond: 500, boundBy: 'kafka', kafka: 500, store: null });
    expect(limitOf({}).shipmentsPerSecond).toBeNull();
  });

  it('gives each rate as a percentage of it, and before/after ratios', () => {
    expect(shareOf(7.5, 15)).toBe(50);
    expect(shareOf(null, 15)).toBeNull();
    expect(shareOf(3, null)).toBeNull();
    expect(ratio(2, 8)).toBe(0.25);
    expect(ratio(2, 0)).toBeNull();
  });
});

describe('consumer lag', () => {
  const ends = {
    't.a': [
      { partition: 0, high: '100', low: '0' },
      { partition: 1, high: '50', low: '10' },
    ],
    't.b': [{ partition: 0, high: '7', low: '0' }],
  };

  it('sums log end less committed offset over the partitions of the topics the group committed', () => {
    const group = [
      {
        topic: 't.a',
        partitions: [
          { partition: 0, offset: '90' },
          { partition: 1, offset: '50' },
        ],
      },
    ];
    expect(lagOf(ends, group)).toBe(10);
  });

  it('counts a partition with no commit yet from its log start', () => {
    const group = [
      {
        topic: 't.a',
        partitions: [
          { partition: 0, offset: '-1' },
          { partition: 1, offset: '20' },
        ],
      },
    ];
    expect(lagOf(ends, group)).toBe(130);
  });
});
