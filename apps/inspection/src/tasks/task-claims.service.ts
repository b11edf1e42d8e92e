import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Clock } from '@tongguan/clock';
import type { Model } from 'mongoose';
import type { InspectionTaskView } from './inspection-task.dto';
import { InspectionTask } from './inspection-task.schema';
import { assertDecidable, claimableBy } from './task-decision';
import { TasksService } from './tasks.service';

/** An officer takes a task from the queue; from then on only they decide it. Claiming twice is harmless. */
@Injectable()
export class TaskClaimsService {
  constructor(
    @InjectModel(InspectionTask.name) private readonly tasks: Model<InspectionTask>,
    private readonly taskViews: TasksService,
    private readonly clock: Clock,
  ) {}

  async claim(taskId: string, officerId: string): Promise<InspectionTaskView> {
    const now = this.clock.now();
    const task = await this.taskViews.find(taskId);
    if (task.status !== 'documents-requested') assertDecidable(task, now, officerId);
    const claimed = await this.tasks.updateOne(
      { _id: taskId, status: { $in: ['open', 'documents-requested'] }, ...claimableBy(officerId) },
      { $set: { claimedBy: officerId, claimedAt: now } },
    );
    // lost the race: say who took it, or that it was decided meanwhile
    if (claimed.matchedCount !== 1) assertDecidable(await this.taskViews.find(taskId), now, officerId);
    return this.taskViews.get(taskId);
  }
}
