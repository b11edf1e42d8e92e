import { lagByPartition } from './consumer-lag';

describe('lagByPartition', () => {
  const bounds = {
    a: [
      { partition: 0, high: '10', low: '0' },
      { partition: 1, high: '7', low: '2' },
    ],
    b: [{ partition: 0, high: '5', low: '0' }],
  };

  it('is the high watermark less the committed offset, per partition', () => {
    const lags = lagByPartition(bounds, [
      {
        topic: 'a',
        partitions: [
          { partition: 0, offset: '4' },
          { partition: 1, offset: '7' },
        ],
      },
    ]);
    expect(lags).toEqual([
      { topic: 'a', partition: 0, lag: 6 },
      { topic: 'a', partition: 1, lag: 0 },
    ]);
  });

  it('counts a partition without a committed offset from the log start', () => {
    const lags = lagByPartition(bounds, [
      {
        topic: 'a',
        partitions: [
          { partition: 0, offset: '-1' },
          { partition: 1, offset: '-1' },
        ],
      },
    ]);
    expect(lags.map((l) => l.lag)).toEqual([10, 5]);
  });

  it('never reports a negative lag, and ignores topics it has no bounds for', () => {
    const lags = lagByPartition(bounds, [
      { topic: 'b', partitions: [{ partition: 0, offset: '9' }] },
      { topic: 'gone', partitions: [{ partition: 0, offset: '1' }] },
    ]);
    expect(lags).toEqual([{ topic: 'b', partition: 0, lag: 0 }]);
  });
});
