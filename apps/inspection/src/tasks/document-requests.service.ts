import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { DocumentRequestDto, InspectionTaskView } from './inspection-task.dto';
import { InspectionTaskRepository } from './inspection-task.repository';
import { TaskDeadlines } from './task-deadlines';
import { TaskTransitions } from './task-transitions';
import { notFound, TasksService } from './tasks.service';

/**
 * Asking the importer for documents. The request goes to the declaration service, which folds it with
 * customs' own queries into one notice; the task's time limit is paused meanwhile (the agency cannot be
 * deemed to approve while it waits for the importer) and resumes, with the working hours it had left,
 * when the one resubmission arrives (task-lifecycle).
 */
@Injectable()
export class DocumentRequestsService {
  constructor(
    private readonly tasks: InspectionTaskRepository,
    private readonly transitions: TaskTransitions,
    private readonly taskViews: TasksService,
    private readonly deadlines: TaskDeadlines,
  ) {}

  async request(taskId: string, dto: DocumentRequestDto, officerId: string): Promise<InspectionTaskView> {
    const documents = dto.documents.map(({ code, description }) => ({ code, description }));
    const fact = { kind: 'request-documents', officerId, requestId: randomUUID(), documents } as const;
    if (!(await this.transitions.apply(taskId, fact)).task) throw notFound(taskId);
    return this.taskViews.get(taskId);
  }

  /**
   * The importer answered: every paused task of the declaration resumes with the working hours it had
   * left. A redelivered answer finds the task open already and writes its deadline entry again, which
   * repairs a crash between the resumption and its entry.
   */
  async resume(declarationId: string, answeredAt: Date): Promise<void> {
    for (const id of await this.tasks.idsOfDeclaration(declarationId)) {
      const { task, transition } = await this.transitions.apply(
        id,
        { kind: 'documents-submitted' },
        answeredAt,
      );
      if (transition?.set.deadline) this.deadlines.set(id, transition.set.deadline);
      else if (!transition && task?.status === 'open' && (task.documentRequests ?? []).length > 0)
        await this.tasks.watchDeadline(id, task.deadline);
    }
  }
}
