import { retryDelayMs, retrySchedule } from './backoff';

const settings = { baseMs: 1_000, capMs: 60_000, jitter: 0 };

describe('retry backoff', () => {
  it('doubles from the base after each failed attempt, up to the cap', () => {
    expect(retrySchedule(9, settings)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
  });

  it('has no wait to plan when one attempt is all there is', () => {
    expect(retrySchedule(1, settings)).toEqual([]);
  });

  it('shortens each wait by at most the jitter share', () => {
    const jittered = { ...settings, jitter: 0.5 };
    expect(retryDelayMs(3, jittered, () => 0)).toBe(4_000);
    expect(retryDelayMs(3, jittered, () => 0.999999)).toBe(2_000);
    expect(retryDelayMs(3, jittered, () => 0.5)).toBe(3_000);
  });

  it('stays finite and capped for absurd attempt numbers', () => {
    expect(retryDelayMs(10_000, settings, () => 0)).toBe(60_000);
    expect(retryDelayMs(0, settings, () => 0)).toBe(1_000);
  });
});
