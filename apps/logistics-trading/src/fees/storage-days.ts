const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** One rate of a storage scale: from this storage day on (day 1 = the day of discharge), per unit per day. */
export interface StorageTier {
  fromDay: number;
  dailyRateMinor: number;
}

export interface StorageScale {
  /** Days at the start of storage that cost nothing (the terminal's free time). */
  freeDays: number;
  /** Rates by storage day, ascending; the first starts the day after the free period, the last runs on. */
  tiers: StorageTier[];
}

export interface StorageCharge {
  /** Days beyond the free period, each charged at the rate of its tier. */
  chargeableDays: number;
  amountMinor: number;
}

/**
 * Storage days the way terminals count them: every calendar day of the port's local time that the cargo
 * spends in the terminal, the day of discharge being day 1 however late it came in. Nothing before the
 * discharge (a clock that has not reached it yet counts 0).
 */
export function storageDays(dischargedAt: Date, asOf: Date, utcOffsetMinutes: number): number {
  if (asOf.getTime() < dischargedAt.getTime()) return 0;
  return localDay(asOf, utcOffsetMinutes) - localDay(dischargedAt, utcOffsetMinutes) + 1;
}

function localDay(at: Date, utcOffsetMinutes: number): number {
  return Math.floor((at.getTime() + utcOffsetMinutes * MINUTE_MS) / DAY_MS);
}

/**
 * The charge for `days` storage days of `units` (containers or tonnes) on a tiered scale: each day after
 * the free period at the rate of the tier it falls in. Integer fen throughout.
 */
export function storageCharge(scale: StorageScale, days: number, units: number): StorageCharge {
  let perUnitMinor = 0;
  scale.tiers.forEach((tier, i) => {
    const next = scale.tiers[i + 1];
    const lastDay = next ? Math.min(days, next.fromDay - 1) : days;
    if (lastDay >= tier.fromDay) perUnitMinor += (lastDay - tier.fromDay + 1) * tier.dailyRateMinor;
  });
  const amountMinor = perUnitMinor * units;
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`storage charge overflows: ${days} days`);
  return { chargeableDays: Math.max(0, days - scale.freeDays), amountMinor };
}
