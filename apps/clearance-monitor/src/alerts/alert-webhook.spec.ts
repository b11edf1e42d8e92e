import { backoffMs } from './alert-webhook';

describe('alert webhook backoff', () => {
  it('waits the base before the first retry and twice as long after each failure', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffMs(1000, attempt))).toEqual([1000, 2000, 4000, 8000]);
  });
});
