import { Injectable } from '@nestjs/common';
import type { InspectionTaskView } from './inspection-task.dto';
import { TaskTransitions } from './task-transitions';
import { notFound, TasksService } from './tasks.service';

/** An officer takes a task from the queue; from then on only they decide it. Claiming twice is harmless. */
@Injectable()
export class TaskClaimsService {
  constructor(
    private readonly transitions: TaskTransitions,
    private readonly taskViews: TasksService,
  ) {}

  async claim(taskId: string, officerId: string): Promise<InspectionTaskView> {
    if (!(await this.transitions.apply(taskId, { kind: 'claim', officerId })).task) throw notFound(taskId);
    return this.taskViews.get(taskId);
  }
}
