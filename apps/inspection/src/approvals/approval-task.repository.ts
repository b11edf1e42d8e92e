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
import type { FilterQuery, Model } from 'mongoose';
import type { DueEntry } from '../deadlines/deadline-target';
import { ApprovalDeclaration } from './approval-declaration.schema';
import { ApprovalTask, type ApprovalStatus } from './approval-task.schema';
import { OPEN_APPROVAL_DEADLINE } from './open-approval-deadline.schema';

export type NewApprovalTask = Unsaved<ApprovalTask>;

/**
 * Loads and saves approval tasks; finds a declaration's through the declaration index, by _id. Keeps
 * the open set of deadlines of open tasks that the approval deadline watcher sweeps.
 */
@Injectable()
export class ApprovalTaskRepository extends AggregateRepository<ApprovalTask> {
  private readonly deadlines: OpenSet<{ deadline: Date }>;

  constructor(
    @InjectModel(ApprovalTask.name) tasks: Model<ApprovalTask>,
    @InjectModel(ApprovalDeclaration.name) private readonly declarations: Model<ApprovalDeclaration>,
    @InjectModel(OPEN_APPROVAL_DEADLINE) deadlines: Model<OpenEntryBase>,
  ) {
    super(tasks, 'approval task');
    this.deadlines = new OpenSet(deadlines);
  }

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    await this.deadlines.ensureIndexes();
  }

  /**
   * Opens a task once: the declaration index first (a crash after it leaves an id without a task,
   * which readers skip and the next opening fills), then the task, then its deadline entry, which
   * every opening of a task still open writes again. False when the task was opened before.
   */
  async open(task: NewApprovalTask): Promise<boolean> {
    await upsert(this.declarations, { _id: task.declarationId }, { $addToSet: { taskIds: task._id } });
    const inserted = await this.insert(task);
    const stored = inserted ? task : await this.findById(task._id, { status: 1, dueAt: 1 });
    if (stored?.status === 'open') await this.watchDeadline(task._id, stored.dueAt);
    return inserted;
  }

  /** The declaration's tasks and whether it ended: withdrawn, refused or rejected (two reads by _id). */
  async ofDeclaration(declarationId: string): Promise<{ tasks: ApprovalTask[]; ended: boolean }> {
    const index = await this.declarations.findById(declarationId).lean();
    if (!index) return { tasks: [], ended: false };
    const tasks = index.taskIds.length
      ? await this.model.find({ _id: { $in: index.taskIds } }, WITHOUT_OUTBOX).lean<ApprovalTask[]>()
      : [];
    return { tasks, ended: Boolean(index.withdrawnAt ?? index.closedAt) };
  }

  /** Marks the declaration's end before its tasks are closed, so no later request opens one. */
  async markEnded(declarationId: string, how: 'withdrawn' | 'closed', at: Date): Promise<void> {
    const field = how === 'withdrawn' ? 'withdrawnAt' : 'closedAt';
    await upsert(this.declarations, { _id: declarationId }, { $set: { [field]: at } });
  }

  async findVisible(id: string): Promise<ApprovalTask | null> {
    return this.findById(id, WITHOUT_OUTBOX);
  }

  /**
   * A page of the agencies' queue: green channel first, then the soonest limit (a list for people: it
   * scans and sorts).
   */
  async queue(
    criteria: { agencies: string[]; status?: ApprovalStatus },
    page: number,
    pageSize: number,
  ): Promise<{ items: ApprovalTask[]; total: number }> {
    const filter: FilterQuery<ApprovalTask> = {
      agency: { $in: criteria.agencies },
      ...(criteria.status ? { status: criteria.status } : {}),
    };
    const [items, total] = await Promise.all([
      this.model
        .find(filter, WITHOUT_OUTBOX)
        .sort({ greenChannel: -1, dueAt: 1, _id: 1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<ApprovalTask[]>(),
      this.model.countDocuments(filter),
    ]);
    return { items, total };
  }

  async watchDeadline(taskId: string, deadline: Date): Promise<void> {
    await this.deadlines.add(taskId, { deadline: new Date(deadline) });
  }

  async unwatchDeadline(taskId: string): Promise<void> {
    await this.deadlines.remove(taskId);
  }

  async dropStaleDeadline(entry: DueEntry): Promise<void> {
    await this.deadlines.removeIfUnchanged(entry);
  }

  async deadlinesDueBy(until: Date, limit: number): Promise<DueEntry[]> {
    return this.deadlines.entries({ deadline: { $lte: until } }, { sort: { deadline: 1 }, limit }) as Promise<
      DueEntry[]
    >;
  }

  /** Rebuilds the open set from the open tasks (it scans them: once per process, at start). */
  async recoverOpenDeadlines(): Promise<number> {
    const open = await this.model
      .find({ status: 'open' }, { dueAt: 1 })
      .lean<Pick<ApprovalTask, '_id' | 'dueAt'>[]>();
    await this.deadlines.addMany(open.map((t) => ({ id: t._id, fields: { deadline: t.dueAt } })));
    return open.length;
  }
}
