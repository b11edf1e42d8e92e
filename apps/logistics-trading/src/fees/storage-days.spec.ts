import { storageCharge, storageDays } from './storage-days';

const CHINA = 480;
const at = (iso: string) => new Date(iso);

describe('storageDays', () => {
  it('counts the day of discharge as day 1, however late the cargo came in', () => {
    expect(storageDays(at('2026-03-02T23:59:00+08:00'), at('2026-03-02T23:59:30+08:00'), CHINA)).toBe(1);
    expect(storageDays(at('2026-03-02T00:00:00+08:00'), at('2026-03-02T23:59:59.999+08:00'), CHINA)).toBe(1);
  });

  it('starts a new day at local midnight of the port, not at UTC midnight', () => {
    const discharged = at('2026-03-02T22:00:00+08:00'); // 14:00 UTC
    expect(storageDays(discharged, at('2026-03-02T23:59:59+08:00'), CHINA)).toBe(1);
    expect(storageDays(discharged, at('2026-03-03T00:00:00+08:00'), CHINA)).toBe(2);
    // the same instants seen from UTC would still be one day apart only at 00:00 UTC
    expect(storageDays(discharged, at('2026-03-03T00:00:00+08:00'), 0)).toBe(1);
  });

  it('counts N calendar days from discharge to the settlement day', () => {
    expect(storageDays(at('2026-03-02T10:00:00+08:00'), at('2026-03-10T09:00:00+08:00'), CHINA)).toBe(9);
    expect(storageDays(at('2026-02-27T10:00:00+08:00'), at('2026-03-01T10:00:00+08:00'), CHINA)).toBe(3);
  });

  it('counts nothing before the discharge', () => {
    expect(storageDays(at('2026-03-02T10:00:00+08:00'), at('2026-03-02T09:59:59+08:00'), CHINA)).toBe(0);
  });
});

describe('storageCharge', () => {
  const scale = {
    freeDays: 4,
    tiers: [
      { fromDay: 5, dailyRateMinor: 60_00 },
      { fromDay: 11, dailyRateMinor: 120_00 },
    ],
  };

  it('charges nothing within the free period, up to and including its last day', () => {
    for (const days of [0, 1, 4]) {
      expect(storageCharge(scale, days, 2)).toEqual({ chargeableDays: 0, amountMinor: 0 });
    }
  });

  it('charges the first day after the free period at the first rate, per unit', () => {
    expect(storageCharge(scale, 5, 1)).toEqual({ chargeableDays: 1, amountMinor: 60_00 });
    expect(storageCharge(scale, 5, 3)).toEqual({ chargeableDays: 1, amountMinor: 180_00 });
  });

  it('charges each day at the rate of the tier it falls in', () => {
    expect(storageCharge(scale, 10, 1)).toEqual({ chargeableDays: 6, amountMinor: 6 * 60_00 });
    expect(storageCharge(scale, 11, 1)).toEqual({ chargeableDays: 7, amountMinor: 6 * 60_00 + 120_00 });
    expect(storageCharge(scale, 20, 2)).toEqual({
      chargeableDays: 16,
      amountMinor: 2 * (6 * 60_00 + 10 * 120_00),
    });
  });

  it('charges from day 1 when there is no free period', () => {
    const noFree = { freeDays: 0, tiers: [{ fromDay: 1, dailyRateMinor: 10 }] };
    expect(storageCharge(noFree, 1, 1)).toEqual({ chargeableDays: 1, amountMinor: 10 });
    expect(storageCharge(noFree, 0, 1)).toEqual({ chargeableDays: 0, amountMinor: 0 });
  });

  it('charges nothing for no units', () => {
    expect(storageCharge(scale, 30, 0).amountMinor).toBe(0);
  });

  it('refuses an amount that no longer fits an exact integer', () => {
    const huge = { freeDays: 0, tiers: [{ fromDay: 1, dailyRateMinor: Number.MAX_SAFE_INTEGER }] };
    expect(() => storageCharge(huge, 3, 1)).toThrow(RangeError);
  });
});
