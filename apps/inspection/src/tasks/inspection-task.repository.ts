import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateRepository, upsert, WITHOUT_OUTBOX, type Unsaved } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import type { BookedSlot } from '../slots/slot-booking.service';
import { InspectionTask } from './inspection-task.schema';
import { TaskDeclaration } from './task-declaration.schema';

export type NewTask = Unsaved<InspectionTask>;

/** Loads and saves inspection tasks; finds a declaration's tasks through the declaration index, by _id. */
@Injectable()
export class InspectionTaskRepository extends AggregateRepository<InspectionTask> {
  constructor(
    @InjectModel(InspectionTask.name) tasks: Model<InspectionTask>,
    @InjectModel(TaskDeclaration.name) private readonly declarations: Model<TaskDeclaration>,
  ) {
    super(tasks, 'inspection task');
  }

  /**
   * Opens a task once: a second opening (a redelivery, the sweeper) finds it and changes nothing. The
   * declaration index is written first, so a crash in between leaves an id without a task, which the
   * readers skip and the next opening fills. False when the task was opened before.
   */
  async open(task: NewTask): Promise<boolean> {
    await this.index(task.declarationId, task._id);
    return this.insert(task);
  }

  /** The slot of a physical inspection is set once; false when the task already has one. */
  async setSlot(taskId: string, slot: BookedSlot): Promise<boolean> {
    return this.apply({ _id: taskId, slot: { $exists: false } }, { change: { set: { slot } } });
  }

  async hasSlot(taskId: string): Promise<boolean> {
    return Boolean((await this.findById(taskId, { slot: 1 }))?.slot);
  }

  /** The ids of every task opened for the declaration (read by _id through the declaration index). */
  async idsOfDeclaration(declarationId: string): Promise<string[]> {
    return (await this.declarations.findById(declarationId, { taskIds: 1 }).lean())?.taskIds ?? [];
  }

  /** The task as readers see it, without the outbox. */
  async findVisible(id: string): Promise<InspectionTask | null> {
    return this.findById(id, WITHOUT_OUTBOX);
  }

  /**
   * Open tasks whose deadline comes by `until`, soonest first: a range on deadline, which scans the
   * collection, so only the deadline watcher's periodic sweep asks (never an event handler or a request).
   */
  async openDueBy(until: Date, limit: number): Promise<Pick<InspectionTask, '_id' | 'deadline'>[]> {
    return this.model
      .find({ status: 'open', deadline: { $lte: until } }, { deadline: 1 })
      .sort({ deadline: 1 })
      .limit(limit)
      .lean();
  }

  /** A page of the officers' queue, most urgent deadline first (a list for people: it scans and sorts). */
  async queue(
    criteria: Pick<Partial<InspectionTask>, 'status' | 'shipmentId'>,
    page: number,
    pageSize: number,
  ) {
    return this.page(criteria, { sort: { deadline: 1, _id: 1 }, page, pageSize, projection: WITHOUT_OUTBOX });
  }

  /** Adds the task to its declaration's index. */
  private async index(declarationId: string, taskId: string): Promise<void> {
    await upsert(this.declarations, { _id: declarationId }, { $addToSet: { taskIds: taskId } });
  }
}
