import { Injectable } from '@nestjs/common';
import type { DeadlineReached } from '../deadlines/deadline-target';
import { TimedTaskDeadlineTarget } from '../deadlines/timed-task-deadline-target';
import { InspectionTaskRepository } from './inspection-task.repository';
import { TaskDeadlines } from './task-deadlines';
import { TaskTransitions } from './task-transitions';

/** Inspection tasks as the deadline watcher sees them: at its deadline an open task is deemed approved. */
@Injectable()
export class TaskDeadlineTarget extends TimedTaskDeadlineTarget {
  readonly name = 'inspection task';

  constructor(
    tasks: InspectionTaskRepository,
    private readonly transitions: TaskTransitions,
    signals: TaskDeadlines,
  ) {
    super(tasks, signals);
  }

  async reachDeadline(id: string): Promise<DeadlineReached> {
    const { task, transition } = await this.transitions.apply(id, { kind: 'deadline-reached' });
    if (transition) {
      const fired = `task ${id} of ${task?.shipmentId} deemed approved: no decision within ${task?.limitHours} h`;
      return { fired, pending: null };
    }
    return { fired: null, pending: task?.status === 'open' ? new Date(task.deadline) : null };
  }
}
