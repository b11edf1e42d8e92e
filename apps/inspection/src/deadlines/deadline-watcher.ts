import { PeriodicJob } from '@tongguan/platform';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '@tongguan/clock';
import { InspectionConfig } from '../config/inspection-config';
import { TasksService } from '../tasks/tasks.service';

const BATCH = 100;
/** Floor between two looks, so a deadline a few ms away does not spin the loop. */
const MIN_DELAY_MS = 10;

/**
 * Durable timers: the deadlines are in Mongo, and every instance looks for passed ones. Each overdue
 * task is moved by one conditional write from 'open' with a stable ce_id (see TasksService.deemApproved),
 * so tacit approval takes effect once even with several instances, and a restart picks up every
 * deadline that passed while nothing was running.
 */
@Injectable()
export class DeadlineWatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineWatcher.name);
  private readonly job: PeriodicJob;

  constructor(
    private readonly tasks: TasksService,
    private readonly clock: Clock,
    private readonly config: InspectionConfig,
  ) {
    this.job = new PeriodicJob('deadline watcher', () => this.sweep(), config.DEADLINE_POLL_MS, this.logger);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  /** Deems every overdue open task approved; returns the real ms to wait before looking again. */
  async sweep(): Promise<number> {
    for (;;) {
      const due = await this.tasks.overdue(this.clock.now(), BATCH);
      let approved = 0;
      for (const task of due) {
        if (await this.tasks.deemApproved(task)) {
          approved++;
          this.logger.log(
            `task ${task._id} of ${task.shipmentId} deemed approved: no decision within ${task.limitHours} h`,
          );
        }
      }
      if (due.length < BATCH || approved === 0) break;
    }
    return this.nextDelay(await this.tasks.nextDeadline());
  }

  /**
   * On an accelerated clock one poll can be many business minutes, so wake at the next known deadline
   * when it comes first; tasks that other instances open meanwhile are still caught by the poll.
   */
  private nextDelay(nextDeadline: Date | null): number {
    const poll = this.config.DEADLINE_POLL_MS;
    if (!nextDeadline) return poll;
    return Math.min(
      poll,
      Math.max(MIN_DELAY_MS, Math.ceil(this.clock.realDelayUntil(nextDeadline.getTime()))),
    );
  }
}
