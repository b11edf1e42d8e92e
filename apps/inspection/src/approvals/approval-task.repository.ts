import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { upsert, WITHOUT_OUTBOX, type OpenEntryBase, type Unsaved } from '@tongguan/persistence';
import type { FilterQuery, Model } from 'mongoose';
import { TimedTaskRepository } from '../deadlines/timed-task.repository';
import { ApprovalDeclaration } from './approval-declaration.schema';
import { ApprovalTask, type ApprovalStatus } from './approval-task.schema';
import { OPEN_APPROVAL_DEADLINE } from './open-approval-deadline.schema';

export type NewApprovalTask = Unsaved<ApprovalTask>;

/**
 * Loads and saves approval tasks (a timed task whose limit ends at dueAt, on the agency's calendar);
 * marks a declaration's end in the declaration index, so no later request opens a task for it.
 */
@Injectable()
export class ApprovalTaskRepository extends TimedTaskRepository<ApprovalTask, ApprovalDeclaration> {
  constructor(
    @InjectModel(ApprovalTask.name) tasks: Model<ApprovalTask>,
    @InjectModel(ApprovalDeclaration.name) declarations: Model<ApprovalDeclaration>,
    @InjectModel(OPEN_APPROVAL_DEADLINE) deadlines: Model<OpenEntryBase>,
  ) {
    super(tasks, 'approval task', declarations, deadlines, 'dueAt');
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
}
