import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { AgencyRegistry } from '@tongguan/agencies';
import { WorkingCalendar } from '@tongguan/clock';
import type { RiskChannel } from '@tongguan/contracts';
import { OutboxRelay } from '@tongguan/messaging';
import { DomainError } from '@tongguan/platform';
import { InspectionConfig } from '../config/inspection-config';
import { SlotBookingService } from '../slots/slot-booking.service';
import {
  InspectionTaskPage,
  InspectionTaskView,
  type ListTasksQuery,
  type RecordResultDto,
} from './inspection-task.dto';
import type { InspectionTask } from './inspection-task.schema';
import { InspectionTaskRepository } from './inspection-task.repository';
import { kindOf, taskDeadline, taskLimits, type TimeLimits } from './task-deadline';
import { TaskDeadlines } from './task-deadlines';
import type { ClosedTaskStatus } from './task-lifecycle';
import { TaskTransitions } from './task-transitions';

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
    private readonly tasks: InspectionTaskRepository,
    private readonly transitions: TaskTransitions,
    private readonly relay: OutboxRelay,
    private readonly calendar: WorkingCalendar,
    private readonly slots: SlotBookingService,
    private readonly deadlines: TaskDeadlines,
    config: InspectionConfig,
    registry: AgencyRegistry,
  ) {
    this.limits = taskLimits(config, registry);
  }

  onModuleInit(): void {
    this.relay.watch(this.tasks.outboxModel);
  }

  /** Opening twice changes nothing: the task id is the one the assessment holds. */
  async open(opening: TaskOpening): Promise<void> {
    const { taskId, channel, ...fields } = opening;
    const { limitHours, deadline } = taskDeadline(
      opening.openedAt,
      channel,
      opening.greenChannel,
      this.limits,
      this.calendar,
    );
    const opened = await this.tasks.open({
      _id: taskId,
      ...fields,
      kind: kindOf(channel),
      status: 'open',
      limitHours,
      deadline,
      findings: [],
      documentRequests: [],
    });
    if (opened) this.deadlines.set(taskId, deadline);
    if (channel === 'RED') await this.bookSlot(taskId, opening.openedAt, opening.greenChannel);
  }

  /**
   * A physical inspection needs a place in a site's day. Booked once per task: a reopening finds the
   * slot set. (A crash between the booking and this write leaves one slot of that day unused.)
   */
  private async bookSlot(taskId: string, from: Date, greenChannel: boolean): Promise<void> {
    if (await this.tasks.hasSlot(taskId)) return;
    await this.tasks.setSlot(taskId, await this.slots.book(from, greenChannel));
  }

  async list(query: ListTasksQuery): Promise<InspectionTaskPage> {
    const filter = {
      ...(query.status ? { status: query.status } : {}),
      ...(query.shipmentId ? { shipmentId: query.shipmentId } : {}),
    };
    const { items, total } = await this.tasks.queue(filter, query.page, query.pageSize);
    return {
      items: items.map((d) => InspectionTaskView.of(d)),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  async get(id: string): Promise<InspectionTaskView> {
    return InspectionTaskView.of(await this.find(id));
  }

  /** The officer's decision, before the deadline; InspectionCompleted is stored with it. */
  async recordResult(id: string, dto: RecordResultDto, officerId: string): Promise<InspectionTaskView> {
    const fact = {
      kind: 'record-result',
      officerId,
      result: dto.result,
      findings: dto.findings ?? [],
    } as const;
    if (!(await this.transitions.apply(id, fact)).task) throw notFound(id);
    return this.get(id);
  }

  /**
   * Closes the declaration's undecided tasks: it was withdrawn or refused release, or an amendment
   * replaced the version they were opened for. Nothing is announced: the declaration's own event said it.
   */
  async close(
    declarationId: string,
    closing: { status: ClosedTaskStatus; reason: string },
    at: Date,
  ): Promise<void> {
    for (const id of await this.tasks.idsOfDeclaration(declarationId)) {
      await this.transitions.apply(id, { kind: 'close', ...closing }, at);
    }
  }

  async find(id: string): Promise<InspectionTask> {
    const task = await this.tasks.findVisible(id);
    if (!task) throw notFound(id);
    return task;
  }
}

export function notFound(id: string): DomainError {
  return new DomainError(
    'INSPECTION.TASK_NOT_FOUND',
    `inspection task ${id} not found`,
    HttpStatus.NOT_FOUND,
  );
}
