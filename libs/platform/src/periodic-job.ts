import type { Logger } from '@nestjs/common';

/**
 * Runs a job again and again, never overlapping itself; the job returns how long (real ms) to wait
 * before its next run, and wake() asks for a run as soon as the one in progress ends. A failing run is
 * logged and retried after retryMs, so the loop never dies.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private wokenWhileRunning = false;

  constructor(
    private readonly name: string,
    private readonly run: () => Promise<number>,
    private readonly retryMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Runs as soon as possible (after the run in progress, if any). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wokenWhileRunning = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.schedule(0);
  }

  /** Resolves once a run in progress has finished, so shutdown never cuts a write in half. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    this.timer = null;
    this.wokenWhileRunning = false;
    let next = this.retryMs;
    this.running = this.run().then(
      (delayMs) => void (next = delayMs),
      (error: unknown) =>
        this.logger.warn(`${this.name} will retry: ${(error as Error)?.message ?? String(error)}`),
    );
    await this.running;
    this.running = null;
    this.schedule(this.wokenWhileRunning ? 0 : next);
  }
}
