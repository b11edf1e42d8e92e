import { Clock, HOUR_MS, hoursBetween } from './clock';

describe('Clock', () => {
  it('follows real time when not accelerated', () => {
    let real = 1_000;
    const clock = new Clock({}, () => real);
    real = 5_000;
    expect(clock.nowMs()).toBe(5_000);
    expect(clock.accelerated).toBe(false);
  });

  it('runs from the epoch at the given speed, counted from the shared anchor', () => {
    let real = Date.parse('2026-11-29T10:00:00Z');
    const clock = new Clock(
      { epoch: '2026-03-02T08:00:00Z', speed: 3600, anchor: '2026-11-29T09:59:58Z' },
      () => real,
    );
    // two real seconds after the anchor → two business hours after the epoch
    expect(clock.now().toISOString()).toBe('2026-03-02T10:00:00.000Z');
    real += 1_000;
    expect(clock.now().toISOString()).toBe('2026-03-02T11:00:00.000Z');
  });

  it('converts a business deadline into a real delay', () => {
    const real = 0;
    const clock = new Clock(
      { epoch: '2026-01-01T00:00:00Z', speed: 3600, anchor: '1970-01-01T00:00:00Z' },
      () => real,
    );
    expect(clock.realDelayUntil(clock.nowMs() + 2 * HOUR_MS)).toBe(2_000);
    expect(clock.realDelayUntil(clock.nowMs() - HOUR_MS)).toBe(0);
  });

  it('rejects nonsense settings with a message naming them', () => {
    expect(() => new Clock({ speed: 0 })).toThrow(/CLOCK_SPEED/);
    expect(() => new Clock({ epoch: 'yesterday' })).toThrow(/CLOCK_EPOCH/);
  });

  it('measures hours between instants', () => {
    expect(hoursBetween('2026-01-01T00:00:00Z' as unknown as Date, new Date('2026-01-01T19:30:00Z'))).toBe(
      19.5,
    );
  });
});
