import type { Clock } from '@tongguan/clock';
import { StoppedError } from './event-observer';

/** Waits on the business clock; stop() wakes every sleeper with a StoppedError. */
export class Sleeper {
  private readonly pending = new Set<{ timer: NodeJS.Timeout; reject: (error: Error) => void }>();
  private stopped = false;

  constructor(readonly clock: Clock) {}

  untilBusiness(businessMs: number): Promise<void> {
    return this.real(this.clock.realDelayUntil(businessMs));
  }

  forBusinessHours(hours: number): Promise<void> {
    return this.untilBusiness(this.clock.nowMs() + hours * 3_600_000);
  }

  real(ms: number): Promise<void> {
    if (this.stopped) return Promise.reject(new StoppedError());
    return new Promise((resolve, reject) => {
      const entry = {
        timer: setTimeout(
          () => {
            this.pending.delete(entry);
            resolve();
          },
          Math.max(0, ms),
        ),
        reject,
      };
      this.pending.add(entry);
    });
  }

  stop(): void {
    this.stopped = true;
    for (const entry of this.pending) {
      clearTimeout(entry.timer);
      entry.reject(new StoppedError());
    }
    this.pending.clear();
  }
}
