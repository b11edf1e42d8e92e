import { Injectable } from '@nestjs/common';
import { DeadlineSignals } from '../deadlines/deadline-signals';
import type { DeadlineReached } from '../deadlines/deadline-target';
import { TimedTaskDeadlineTarget } from '../deadlines/timed-task-deadline-target';
import { ApprovalTaskRepository } from './approval-task.repository';
import { ApprovalTransitions } from './approval-transitions';

/** The limits of approval tasks this instance opened (see DeadlineSignals). */
@Injectable()
export class ApprovalDeadlines extends DeadlineSignals {}

/**
 * Approval tasks as the deadline watcher sees them: at its limit, on the agency's calendar, an open
 * task is deemed approved where the law allows tacit approval and becomes overdue where it does not.
 */
@Injectable()
export class ApprovalDeadlineTarget extends TimedTaskDeadlineTarget {
  readonly name = 'approval task';

  constructor(
    tasks: ApprovalTaskRepository,
    private readonly transitions: ApprovalTransitions,
    signals: ApprovalDeadlines,
  ) {
    super(tasks, signals);
  }

  async reachDeadline(id: string): Promise<DeadlineReached> {
    const { task, transition } = await this.transitions.apply(id, { kind: 'deadline-reached' });
    if (transition && task) {
      const what = transition.set.status === 'overdue' ? 'overdue' : 'deemed approved';
      const fired = `${task.agency}/${task.step} ${id} of ${task.shipmentId} ${what}: no decision within ${task.limitHours} h`;
      return { fired, pending: null };
    }
    return { fired: null, pending: task?.status === 'open' ? new Date(task.dueAt) : null };
  }
}
