import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Clock, WorkingCalendar } from '@tongguan/clock';
import { EventFactory, OutboxRelay } from '@tongguan/messaging';
import { stageEvents, withState } from '@tongguan/persistence';
import { DomainError } from '@tongguan/platform';
import type { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import type { DocumentRequestDto, InspectionTaskView } from './inspection-task.dto';
import { InspectionTask, type DocumentRequestRecord } from './inspection-task.schema';
import { assertDecidable, causeOf, claimableBy } from './task-decision';
import { TasksService } from './tasks.service';

/**
 * Asking the importer for documents. The request goes to the declaration service, which folds it with
 * customs' own queries into one notice; the task's time limit is paused meanwhile (the agency cannot be
 * deemed to approve while it waits for the importer) and resumes, with the working hours it had left,
 * when the one resubmission arrives.
 */
@Injectable()
export class DocumentRequestsService {
  constructor(
    @InjectModel(InspectionTask.name) private readonly tasks: Model<InspectionTask>,
    private readonly taskViews: TasksService,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
  ) {}

  async request(taskId: string, dto: DocumentRequestDto, officerId: string): Promise<InspectionTaskView> {
    const task = await this.taskViews.find(taskId);
    const now = this.clock.now();
    assertDecidable(task, now, officerId);
    const requestId = randomUUID();
    const documents = dto.documents.map(({ code, description }) => ({ code, description }));
    const event = this.events.create(
      'DocumentsRequested',
      {
        shipmentId: task.shipmentId,
        declarationId: task.declarationId,
        taskId,
        requestId,
        officerId,
        documents,
      },
      { causedBy: causeOf(task) },
    );
    const record: DocumentRequestRecord = {
      requestId,
      officerId,
      documents,
      requestedAt: new Date(event.time),
    };
    const updated = await this.tasks.updateOne(
      { _id: taskId, status: 'open', deadline: { $gt: now }, ...claimableBy(officerId) },
      withState(
        stageEvents([event]),
        { status: 'documents-requested', pausedAt: now },
        { documentRequests: record },
      ),
    );
    if (updated.modifiedCount !== 1) {
      throw new DomainError('INSPECTION.TASK_CHANGED', 'the task was decided meanwhile', HttpStatus.CONFLICT);
    }
    this.relay.nudge();
    return this.taskViews.get(taskId);
  }

  /** The importer answered: every paused task of the declaration resumes with the working hours it had left. */
  async resume(declarationId: string, answeredAt: Date): Promise<void> {
    const paused = await this.tasks.find({ declarationId, status: 'documents-requested' }).lean();
    for (const task of paused) {
      const pausedAt = new Date(task.pausedAt ?? answeredAt);
      const left = Math.max(0, this.calendar.workingHoursBetween(pausedAt, new Date(task.deadline)));
      const deadline = this.calendar.addWorkingHours(answeredAt, left);
      const answered = (task.documentRequests ?? []).map((r) => ({
        ...r,
        answeredAt: r.answeredAt ?? answeredAt,
      }));
      await this.tasks.updateOne(
        { _id: task._id, status: 'documents-requested' },
        { $set: { status: 'open', deadline, documentRequests: answered }, $unset: { pausedAt: 1 } },
      );
    }
  }
}
