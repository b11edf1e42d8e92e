import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  AggregateRepository,
  OpenSet,
  upsert,
  WITHOUT_OUTBOX,
  type OpenEntryBase,
  type Unsaved,
} from '@tongguan/persistence';
import type { Model } from 'mongoose';
import type { BookedSlot } from '../slots/slot-booking.service';
import { InspectionTask } from './inspection-task.schema';
import { OPEN_TASK_DEADLINE, type OpenTaskDeadline } from './open-task-deadline.schema';
import { TaskDeclaration } from './task-declaration.schema';

export type NewTask = Unsaved<InspectionTask>;

/**
 * Loads and saves inspection tasks; finds a declaration's tasks through the declaration index, by _id.
 * Keeps the open set of deadlines the watcher sweeps (see open-task-deadline.schema).
 */
@Injectable()
export class InspectionTaskRepository extends AggregateRepository<InspectionTask> {
  private readonly deadlines: OpenSet<{ deadline: Date }>;

  constructor(
    @InjectModel(InspectionTask.name) tasks: Model<InspectionTask>,
    @InjectModel(TaskDeclaration.name) private readonly declarations: Model<TaskDeclaration>,
    @InjectModel(OPEN_TASK_DEADLINE) deadlines: Model<OpenEntryBase>,
  ) {
    super(tasks, 'inspection task');
    this.deadlines = new OpenSet(deadlines);
  }

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    await this.deadlines.ensureIndexes();
  }

  /**
   * Opens a task once: a second opening (a redelivery, the sweeper) finds it and changes nothing. The
   * declaration index is written first, so a crash in between leaves an id without a task, which the
   * readers skip and the next opening fills. The deadline entry follows the insert, and every opening
   * of a task still open writes it again: the opening is repeated until the assessment records it
   * (and so is a crash between the two writes repaired), while a late redelivery of a task decided
   * long ago puts nothing back. False when the task was opened before.
   */
  async open(task: NewTask): Promise<boolean> {
    await this.index(task.declarationId, task._id);
    const inserted = await this.insert(task);
    const stored = inserted ? task : await this.findById(task._id, { status: 1, deadline: 1 });
    if (stored?.status === 'open') await this.watchDeadline(task._id, stored.deadline);
    return inserted;
  }

  /** The task is open with this deadline: the watcher's sweep will find it. */
  async watchDeadline(taskId: string, deadline: Date): Promise<void> {
    await this.deadlines.add(taskId, { deadline: new Date(deadline) });
  }

  /** The task is decided or closed for good: its deadline goes, whoever wrote it. */
  async unwatchDeadline(taskId: string): Promise<void> {
    await this.deadlines.remove(taskId);
  }

  /**
   * The sweep found the entry's task not open (paused for documents, decided, or gone): the entry
   * goes unless it was written again since it was read (the answer to a pause just reopened the task).
   */
  async dropStaleDeadline(entry: OpenTaskDeadline): Promise<void> {
    await this.deadlines.removeIfUnchanged(entry);
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
   * Deadlines of open tasks that come by `until`, soonest first, from the open set: it scans only the
   * entries (as many as tasks in flight), never the tasks ever stored.
   */
  async deadlinesDueBy(until: Date, limit: number): Promise<OpenTaskDeadline[]> {
    return this.deadlines.entries({ deadline: { $lte: until } }, { sort: { deadline: 1 }, limit }) as Promise<
      OpenTaskDeadline[]
    >;
  }

  /**
   * Rebuilds the open set from the tasks: writes the entry of every open task. It scans the tasks, so
   * each process runs it once, at start: it repairs what a store edit left and fills the set for tasks
   * stored before it existed (the writes themselves keep it up to date).
   */
  async recoverOpenDeadlines(): Promise<number> {
    const open = await this.model
      .find({ status: 'open' }, { deadline: 1 })
      .lean<Pick<InspectionTask, '_id' | 'deadline'>[]>();
    await this.deadlines.addMany(open.map((t) => ({ id: t._id, fields: { deadline: t.deadline } })));
    return open.length;
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
