export interface BackoffSettings {
  baseMs: number;
  capMs: number;
  /** 0..1: the share of each wait that is drawn at random. */
  jitter: number;
}

/**
 * Real ms to wait after the given failed attempt (1 = the first): base · 2^(attempt-1), capped, then
 * shortened by up to `jitter` of itself at random so that receivers coming back from an outage are not
 * hit by every retry in the same instant.
 */
export function retryDelayMs(
  attempt: number,
  settings: BackoffSettings,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 52);
  const ceiling = Math.min(settings.capMs, settings.baseMs * 2 ** exponent);
  return Math.round(ceiling * (1 - settings.jitter * random()));
}

/** The whole schedule without jitter (for documentation and tests): the waits after attempts 1..n-1. */
export function retrySchedule(maxAttempts: number, settings: BackoffSettings): number[] {
  return Array.from({ length: Math.max(maxAttempts - 1, 0) }, (_, i) =>
    retryDelayMs(i + 1, { ...settings, jitter: 0 }),
  );
}
