import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Clock } from '@tongguan/clock';
import { PeriodicJob } from '@tongguan/platform';
import type { DeadlineTarget, DueEntry } from './deadline-target';

/** Most deadlines one sweep arms; the soonest come first, the rest at the next sweep. */
const BATCH = 1_000;
/** Floor between two looks at one item, so a deadline a few ms away does not spin. */
const MIN_DELAY_MS = 10;

/**
 * Durable timers for one kind of item (a DeadlineTarget: inspection tasks, agency approval tasks). The
 * deadlines are in Mongo; every instance sweeps, every `pollMs`, the target's open set of deadlines (one
 * entry per item in flight, kept by the item's own writes, so the sweep reads the items in flight, not
 * every item ever stored) for those due before its next sweeps, and arms a timer per item; items this
 * instance opens or resumes are armed at once (the target's signals). When a timer fires, the target
 * applies the deadline written guarded by the revision read, with a stable ce_id: of instances racing
 * on one deadline exactly one records it, and a deadline that moved meanwhile (documents asked for and
 * answered) is taken as it now stands. A restart rebuilds the open set from the items once, re-arms
 * everything, and applies at once what passed while nothing ran.
 */
export class DeadlineWatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private readonly job: PeriodicJob;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly firing = new Set<Promise<void>>();
  private unlisten: (() => void) | null = null;
  private stopped = false;
  private recovered = false;

  constructor(
    private readonly target: DeadlineTarget,
    private readonly clock: Clock,
    private readonly pollMs: number,
  ) {
    this.logger = new Logger(`DeadlineWatcher(${target.name})`);
    this.job = new PeriodicJob(`${target.name} deadline sweep`, () => this.sweep(), pollMs, this.logger);
  }

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.unlisten = this.target.listen((id, deadline) => this.arm(id, deadline));
    this.job.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.unlisten?.();
    await this.job.stop();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.all(this.firing);
  }

  /**
   * Applies the deadlines that passed, one after the other, and arms a timer for those due within the
   * next two polls (so a late sweep still arms them in time); returns the real ms to the next sweep.
   */
  async sweep(): Promise<number> {
    if (!this.recovered) {
      await this.target.recoverOpenDeadlines();
      this.recovered = true;
    }
    const due = await this.target.deadlinesDueBy(this.horizon(), BATCH);
    for (const entry of due) {
      if (new Date(entry.deadline).getTime() <= this.clock.nowMs()) await this.fire(entry._id, entry);
      else this.arm(entry._id, new Date(entry.deadline));
    }
    return this.pollMs;
  }

  /** Sets (or moves) the item's timer; a deadline beyond the horizon is left to a later sweep. */
  private arm(id: string, deadline: Date): void {
    if (this.stopped) return;
    const previous = this.timers.get(id);
    if (previous) clearTimeout(previous);
    this.timers.delete(id);
    if (deadline.getTime() > this.horizon().getTime()) return;
    const delay = Math.max(MIN_DELAY_MS, Math.ceil(this.clock.realDelayUntil(deadline.getTime())));
    this.timers.set(
      id,
      setTimeout(() => {
        const firing = this.fire(id);
        this.firing.add(firing);
        void firing.finally(() => this.firing.delete(firing));
      }, delay),
    );
  }

  /** `entry`: the open set's entry the sweep found due (none when a timer fires). */
  private async fire(id: string, entry?: DueEntry): Promise<void> {
    this.timers.delete(id);
    try {
      const { fired, pending } = await this.target.reachDeadline(id);
      if (fired) {
        this.logger.log(fired);
      } else if (pending) {
        // not yet: the timer fired a little early, or the deadline moved
        this.arm(id, pending);
        // an entry left behind by a deadline that moved would be found due at every sweep
        if (entry && new Date(entry.deadline).getTime() !== pending.getTime())
          await this.target.watchDeadline(id, pending);
      } else if (entry) {
        // paused for documents, decided or gone: nothing to watch until a write adds it again
        await this.target.dropStaleDeadline(entry);
      }
    } catch (error) {
      // the next sweep arms it again
      this.logger.warn(
        `deadline of ${this.target.name} ${id}: ${(error as Error)?.message ?? String(error)}`,
      );
    }
  }

  private horizon(): Date {
    return new Date(this.clock.nowMs() + 2 * this.pollMs * this.clock.speed);
  }
}
