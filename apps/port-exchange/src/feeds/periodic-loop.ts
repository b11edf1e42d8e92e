import type { Logger } from '@nestjs/common';

/**
 * Runs a job again and again, never overlapping itself, every `intervalMs` or sooner when woken. A
 * failing run is logged and the loop goes on, so it never dies.
 */
export class PeriodicLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private wokenWhileRunning = false;

  constructor(
    private readonly name: string,
    private readonly run: () => Promise<void>,
    private readonly intervalMs: number,
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
    this.running = this.run().catch((error: unknown) =>
      this.logger.warn(`${this.name} will retry: ${(error as Error)?.message ?? String(error)}`),
    );
    await this.running;
    this.running = null;
    this.schedule(this.wokenWhileRunning ? 0 : this.intervalMs);
  }
}
