import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { WITHOUT_OUTBOX, type OpenEntryBase, type Unsaved } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { TimedTaskRepository } from '../deadlines/timed-task.repository';
import type { BookedSlot } from '../slots/slot-booking.service';
import { InspectionTask } from './inspection-task.schema';
import { OPEN_TASK_DEADLINE } from './open-task-deadline.schema';
import { TaskDeclaration } from './task-declaration.schema';

export type NewTask = Unsaved<InspectionTask>;

/**
 * Loads and saves inspection tasks (a timed task whose limit ends at its deadline, moved while the
 * trader is asked for documents; see open-task-deadline.schema) and the slot of a physical inspection.
 */
@Injectable()
export class InspectionTaskRepository extends TimedTaskRepository<InspectionTask, TaskDeclaration> {
  constructor(
    @InjectModel(InspectionTask.name) tasks: Model<InspectionTask>,
    @InjectModel(TaskDeclaration.name) declarations: Model<TaskDeclaration>,
    @InjectModel(OPEN_TASK_DEADLINE) deadlines: Model<OpenEntryBase>,
  ) {
    super(tasks, 'inspection task', declarations, deadlines, 'deadline');
  }

  /** The slot of a physical inspection is set once; false when the task already has one. */
  async setSlot(taskId: string, slot: BookedSlot): Promise<boolean> {
    return this.apply({ _id: taskId, slot: { $exists: false } }, { change: { set: { slot } } });
  }

  async hasSlot(taskId: string): Promise<boolean> {
    return Boolean((await this.findById(taskId, { slot: 1 }))?.slot);
  }

  /** A page of the officers' queue, most urgent deadline first (a list for people: it scans and sorts). */
  async queue(
    criteria: Pick<Partial<InspectionTask>, 'status' | 'shipmentId'>,
    page: number,
    pageSize: number,
  ) {
    return this.page(criteria, { sort: { deadline: 1, _id: 1 }, page, pageSize, projection: WITHOUT_OUTBOX });
  }
}
