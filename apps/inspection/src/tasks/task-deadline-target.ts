import { Injectable } from '@nestjs/common';
import type { DeadlineReached, DeadlineTarget, DueEntry } from '../deadlines/deadline-target';
import { InspectionTaskRepository } from './inspection-task.repository';
import { TaskDeadlines } from './task-deadlines';
import { TaskTransitions } from './task-transitions';

/** Inspection tasks as the deadline watcher sees them: at its deadline an open task is deemed approved. */
@Injectable()
export class TaskDeadlineTarget implements DeadlineTarget {
  readonly name = 'inspection task';

  constructor(
    private readonly tasks: InspectionTaskRepository,
    private readonly transitions: TaskTransitions,
    private readonly signals: TaskDeadlines,
  ) {}

  recoverOpenDeadlines(): Promise<number> {
    return this.tasks.recoverOpenDeadlines();
  }

  deadlinesDueBy(until: Date, limit: number): Promise<DueEntry[]> {
    return this.tasks.deadlinesDueBy(until, limit);
  }

  async reachDeadline(id: string): Promise<DeadlineReached> {
    const { task, transition } = await this.transitions.apply(id, { kind: 'deadline-reached' });
    if (transition) {
      const fired = `task ${id} of ${task?.shipmentId} deemed approved: no decision within ${task?.limitHours} h`;
      return { fired, pending: null };
    }
    return { fired: null, pending: task?.status === 'open' ? new Date(task.deadline) : null };
  }

  watchDeadline(id: string, deadline: Date): Promise<void> {
    return this.tasks.watchDeadline(id, deadline);
  }

  dropStaleDeadline(entry: DueEntry): Promise<void> {
    return this.tasks.dropStaleDeadline(entry);
  }

  listen(listener: (id: string, deadline: Date) => void): () => void {
    return this.signals.listen(listener);
  }
}
