import { Module } from '@nestjs/common';
import { Clock } from '@tongguan/clock';
import { ApprovalDeadlineTarget } from '../approvals/approval-deadline-target';
import { ApprovalsModule } from '../approvals/approvals.module';
import { InspectionConfig } from '../config/inspection-config';
import { TaskDeadlineTarget } from '../tasks/task-deadline-target';
import { TasksModule } from '../tasks/tasks.module';
import type { DeadlineTarget } from './deadline-target';
import { DeadlineWatcher } from './deadline-watcher';

/** One durable watcher per kind of item with deadlines, each on its own open set. */
function watcherOf(target: { new (...args: never[]): DeadlineTarget }, token: string) {
  return {
    provide: token,
    useFactory: (t: DeadlineTarget, clock: Clock, config: InspectionConfig) =>
      new DeadlineWatcher(t, clock, config.DEADLINE_POLL_MS),
    inject: [target, Clock, InspectionConfig],
  };
}

@Module({
  imports: [TasksModule, ApprovalsModule],
  providers: [
    watcherOf(TaskDeadlineTarget, 'TaskDeadlineWatcher'),
    watcherOf(ApprovalDeadlineTarget, 'ApprovalDeadlineWatcher'),
  ],
})
export class DeadlinesModule {}
