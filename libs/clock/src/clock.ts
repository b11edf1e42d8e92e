/**
 * One business clock for every service. Real time by default; with CLOCK_EPOCH and CLOCK_SPEED the
 * whole platform runs on an accelerated clock (CLOCK_SPEED=3600: one real second is one business hour).
 * CLOCK_ANCHOR is the real instant at which business time equals CLOCK_EPOCH. Launchers set it once for
 * every process so that services started a few seconds apart still agree on the business time.
 */
export interface ClockSettings {
  epoch?: string;
  speed?: number;
  anchor?: string;
}

export class Clock {
  private readonly epochMs: number | null;
  private readonly anchorMs: number;
  readonly speed: number;

  constructor(
    settings: ClockSettings = {},
    private readonly realNow: () => number = Date.now,
  ) {
    this.speed = settings.speed ?? 1;
    if (!(this.speed > 0) || !Number.isFinite(this.speed)) {
      throw new Error(`CLOCK_SPEED must be a positive number, got ${settings.speed}`);
    }
    this.epochMs = settings.epoch ? parseInstant('CLOCK_EPOCH', settings.epoch) : null;
    this.anchorMs = settings.anchor ? parseInstant('CLOCK_ANCHOR', settings.anchor) : this.realNow();
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
    return new Clock({
      epoch: env.CLOCK_EPOCH || undefined,
      speed: env.CLOCK_SPEED ? Number(env.CLOCK_SPEED) : undefined,
      anchor: env.CLOCK_ANCHOR || undefined,
    });
  }

  get accelerated(): boolean {
    return this.epochMs !== null || this.speed !== 1;
  }

  nowMs(): number {
    const real = this.realNow();
    if (!this.accelerated) return real;
    const base = this.epochMs ?? this.anchorMs;
    return base + (real - this.anchorMs) * this.speed;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Real milliseconds until the given business instant (0 when it has passed). */
  realDelayUntil(businessMs: number): number {
    return Math.max(0, (businessMs - this.nowMs()) / this.speed);
  }
}

function parseInstant(name: string, value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`${name} must be an RFC 3339 instant, got "${value}"`);
  return ms;
}

export const HOUR_MS = 3_600_000;

export function hoursBetween(from: Date | number, to: Date | number): number {
  return (new Date(to).getTime() - new Date(from).getTime()) / HOUR_MS;
}
