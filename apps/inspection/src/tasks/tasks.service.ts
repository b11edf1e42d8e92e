import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Clock, WorkingCalendar } from '@tongguan/clock';
import type { RiskChannel } from '@tongguan/contracts';
import { EventFactory, OutboxRelay } from '@tongguan/messaging';
import { stageEvents, withState, type OutboxModel } from '@tongguan/persistence';
import { DomainError } from '@tongguan/platform';
import type { Model } from 'mongoose';
import { isDuplicateKey } from '@tongguan/persistence';
import { SlotBookingService } from '../slots/slot-booking.service';
import { InspectionConfig } from '../config/inspection-config';
import {
  InspectionTaskPage,
  InspectionTaskView,
  type ListTasksQuery,
  type RecordResultDto,
} from './inspection-task.dto';
import { InspectionTask } from './inspection-task.schema';
import { assertDecidable, causeOf, claimableBy, taskClosed } from './task-decision';
import { kindOf, taskDeadline, type TimeLimits } from './task-deadline';

export interface TaskOpening {
  taskId: string;
  assessmentId: string;
  declarationId: string;
  shipmentId: string;
  channel: Exclude<RiskChannel, 'GREEN'>;
  greenChannel: boolean;
  /** Business time of the assessment: the time limit counts from here, whenever the task is written. */
  openedAt: Date;
  correlationId: string;
  causationId: string;
}

@Injectable()
export class TasksService implements OnModuleInit {
  private readonly limits: TimeLimits;

  constructor(
    @InjectModel(InspectionTask.name) private readonly tasks: Model<InspectionTask>,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    private readonly slots: SlotBookingService,
    config: InspectionConfig,
  ) {
    this.limits = {
      yellowHours: config.INSPECTION_LIMIT_HOURS_YELLOW,
      redHours: config.INSPECTION_LIMIT_HOURS_RED,
    };
  }

  onModuleInit(): void {
    this.relay.watch(this.tasks as unknown as OutboxModel);
  }

  /** Idempotent upsert keyed by the task id the assessment holds: opening twice changes nothing. */
  async open(opening: TaskOpening): Promise<void> {
    const { limitHours, deadline } = taskDeadline(
      opening.openedAt,
      opening.channel,
      opening.greenChannel,
      this.limits,
      this.calendar,
    );
    const { taskId, channel, ...fields } = opening;
    try {
      await this.tasks.updateOne(
        { _id: taskId },
        {
          $setOnInsert: {
            ...fields,
            kind: kindOf(channel),
            status: 'open',
            limitHours,
            deadline,
            findings: [],
          },
        },
        { upsert: true },
      );
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    if (channel === 'RED') await this.bookSlot(taskId, opening.openedAt, opening.greenChannel);
  }

  /**
   * A physical inspection needs a place in a site's day. Booked once per task: a reopening finds the
   * slot set. (A crash between the booking and this write leaves one slot of that day unused.)
   */
  private async bookSlot(taskId: string, from: Date, greenChannel: boolean): Promise<void> {
    if (await this.tasks.exists({ _id: taskId, slot: { $exists: true } })) return;
    const slot = await this.slots.book(from, greenChannel);
    await this.tasks.updateOne({ _id: taskId, slot: { $exists: false } }, { $set: { slot } });
  }

  async list(query: ListTasksQuery): Promise<InspectionTaskPage> {
    const filter = {
      ...(query.status ? { status: query.status } : {}),
      ...(query.shipmentId ? { shipmentId: query.shipmentId } : {}),
    };
    const [docs, total] = await Promise.all([
      this.tasks
        .find(filter, { outbox: 0 })
        .sort({ deadline: 1, _id: 1 })
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .lean(),
      this.tasks.countDocuments(filter),
    ]);
    return {
      items: docs.map((d) => InspectionTaskView.of(d)),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  async get(id: string): Promise<InspectionTaskView> {
    return InspectionTaskView.of(await this.find(id));
  }

  /** The officer's decision: one conditional write from 'open' before the deadline, with its event. */
  async recordResult(id: string, dto: RecordResultDto, officerId: string): Promise<InspectionTaskView> {
    const task = await this.find(id);
    assertDecidable(task, this.clock.now(), officerId);
    const findings = dto.findings ?? [];
    const event = this.events.create(
      'InspectionCompleted',
      {
        shipmentId: task.shipmentId,
        declarationId: task.declarationId,
        taskId: task._id,
        result: dto.result,
        findings,
        officerId,
      },
      { causedBy: causeOf(task), decision: `InspectionCompleted:${task._id}` },
    );
    const decidedAt = new Date(event.time);
    const updated = await this.tasks.findOneAndUpdate(
      { _id: id, status: 'open', deadline: { $gt: decidedAt }, ...claimableBy(officerId) },
      withState(stageEvents([event]), { status: dto.result, officerId, findings, decidedAt }),
      { new: true, lean: true },
    );
    if (!updated) {
      // lost a race with another decision or with the deadline: say which
      assertDecidable(await this.find(id), decidedAt, officerId);
      throw taskClosed(task);
    }
    this.relay.nudge();
    return InspectionTaskView.of(updated);
  }

  /** Open tasks whose deadline has passed at the given business instant, most overdue first. */
  async overdue(now: Date, limit: number): Promise<InspectionTask[]> {
    return this.tasks
      .find({ status: 'open', deadline: { $lte: now } }, { outbox: 0 })
      .sort({ deadline: 1 })
      .limit(limit)
      .lean();
  }

  async nextDeadline(): Promise<Date | null> {
    const next = await this.tasks.findOne({ status: 'open' }, { deadline: 1 }).sort({ deadline: 1 }).lean();
    return next ? new Date(next.deadline) : null;
  }

  /**
   * Tacit approval: one conditional write from 'open', so only one of several racing instances (or an
   * officer) records a decision; the stable ce_id covers FerretDB 1.x, which does not isolate writes
   * across processes. False when something else decided first.
   */
  async deemApproved(task: InspectionTask): Promise<boolean> {
    const event = this.events.create(
      'InspectionDeemedApproved',
      {
        shipmentId: task.shipmentId,
        declarationId: task.declarationId,
        taskId: task._id,
        deadline: new Date(task.deadline).toISOString(),
        reason: `no decision within the ${task.limitHours}-hour time limit`,
      },
      { causedBy: causeOf(task), decision: `InspectionDeemedApproved:${task._id}` },
    );
    const updated = await this.tasks.updateOne(
      { _id: task._id, status: 'open' },
      withState(stageEvents([event]), { status: 'deemed-approved', decidedAt: new Date(event.time) }),
    );
    if (updated.modifiedCount === 1) this.relay.nudge();
    return updated.modifiedCount === 1;
  }

  /**
   * Closes the declaration's undecided tasks: it was withdrawn, or an amendment replaced the version
   * they were opened for. Nothing is announced: the declaration's own event said it.
   */
  async close(declarationId: string, status: 'withdrawn' | 'superseded', at: Date): Promise<void> {
    await this.tasks.updateMany(
      { declarationId, status: { $in: ['open', 'documents-requested'] } },
      { $set: { status, decidedAt: at } },
    );
  }

  async find(id: string): Promise<InspectionTask> {
    const task = await this.tasks.findById(id, { outbox: 0 }).lean();
    if (!task) {
      throw new DomainError(
        'INSPECTION.TASK_NOT_FOUND',
        `inspection task ${id} not found`,
        HttpStatus.NOT_FOUND,
      );
    }
    return task;
  }
}
