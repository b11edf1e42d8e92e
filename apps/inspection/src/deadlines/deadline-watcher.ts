import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '@tongguan/clock';
import { PeriodicJob } from '@tongguan/platform';
import { InspectionConfig } from '../config/inspection-config';
import { InspectionTaskRepository } from '../tasks/inspection-task.repository';
import type { OpenTaskDeadline } from '../tasks/open-task-deadline.schema';
import { TaskDeadlines } from '../tasks/task-deadlines';
import { TaskTransitions } from '../tasks/task-transitions';

/** Most tasks one sweep arms; the soonest come first, the rest at the next sweep. */
const BATCH = 1_000;
/** Floor between two looks at one task, so a deadline a few ms away does not spin. */
const MIN_DELAY_MS = 10;

/**
 * Durable timers. The deadlines are in Mongo; every instance sweeps, every DEADLINE_POLL_MS, the open
 * set of deadlines (one entry per open task, kept by the task's own writes, so the sweep reads the
 * tasks in flight, not every task ever stored) for those due before its next sweeps, and arms a timer
 * per task; tasks this instance opens or resumes are armed at once (TaskDeadlines). When a timer
 * fires, the task is loaded by _id and the tacit approval decided and written guarded by the revision
 * read (TaskTransitions), with a stable ce_id: of instances racing on one deadline exactly one records
 * it, and a deadline that moved meanwhile (documents asked for and answered) is taken as it now
 * stands. A restart rebuilds the open set from the tasks once, re-arms everything, and deems at once
 * what passed while nothing ran.
 */
@Injectable()
export class DeadlineWatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineWatcher.name);
  private readonly job: PeriodicJob;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly firing = new Set<Promise<void>>();
  private unlisten: (() => void) | null = null;
  private stopped = false;
  private recovered = false;

  constructor(
    private readonly tasks: InspectionTaskRepository,
    private readonly transitions: TaskTransitions,
    private readonly deadlines: TaskDeadlines,
    private readonly clock: Clock,
    private readonly config: InspectionConfig,
  ) {
    this.job = new PeriodicJob('deadline sweep', () => this.sweep(), config.DEADLINE_POLL_MS, this.logger);
  }

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.unlisten = this.deadlines.listen((taskId, deadline) => this.arm(taskId, deadline));
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
   * Deems the overdue open tasks approved, one after the other, and arms a timer for those due within
   * the next two polls (so a late sweep still arms them in time); returns the real ms to the next sweep.
   */
  async sweep(): Promise<number> {
    const poll = this.config.DEADLINE_POLL_MS;
    if (!this.recovered) {
      await this.tasks.recoverOpenDeadlines();
      this.recovered = true;
    }
    const due = await this.tasks.deadlinesDueBy(this.horizon(), BATCH);
    for (const entry of due) {
      if (new Date(entry.deadline).getTime() <= this.clock.nowMs()) await this.fire(entry._id, entry);
      else this.arm(entry._id, new Date(entry.deadline));
    }
    return poll;
  }

  /** Sets (or moves) the task's timer; a deadline beyond the horizon is left to a later sweep. */
  private arm(taskId: string, deadline: Date): void {
    if (this.stopped) return;
    const previous = this.timers.get(taskId);
    if (previous) clearTimeout(previous);
    this.timers.delete(taskId);
    if (deadline.getTime() > this.horizon().getTime()) return;
    const delay = Math.max(MIN_DELAY_MS, Math.ceil(this.clock.realDelayUntil(deadline.getTime())));
    this.timers.set(
      taskId,
      setTimeout(() => {
        const firing = this.fire(taskId);
        this.firing.add(firing);
        void firing.finally(() => this.firing.delete(firing));
      }, delay),
    );
  }

  /** `entry`: the open set's entry the sweep found due (none when a timer fires). */
  private async fire(taskId: string, entry?: OpenTaskDeadline): Promise<void> {
    this.timers.delete(taskId);
    try {
      const { task, transition } = await this.transitions.apply(taskId, { kind: 'deadline-reached' });
      if (transition) {
        this.logger.log(
          `task ${taskId} of ${task?.shipmentId} deemed approved: no decision within ${task?.limitHours} h`,
        );
      } else if (task?.status === 'open') {
        // not yet: the timer fired a little early, or the deadline moved
        this.arm(taskId, new Date(task.deadline));
        // an entry left behind by a deadline that moved would be found due at every sweep
        if (entry && new Date(entry.deadline).getTime() !== new Date(task.deadline).getTime())
          await this.tasks.watchDeadline(taskId, task.deadline);
      } else if (entry) {
        // paused for documents, decided or gone: nothing to watch until an answer writes it again
        await this.tasks.dropStaleDeadline(entry);
      }
    } catch (error) {
      // the next sweep arms it again
      this.logger.warn(`deadline of task ${taskId}: ${(error as Error)?.message ?? String(error)}`);
    }
  }

  private horizon(): Date {
    return new Date(this.clock.nowMs() + 2 * this.config.DEADLINE_POLL_MS * this.clock.speed);
  }
}
