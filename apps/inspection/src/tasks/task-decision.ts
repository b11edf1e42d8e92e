import type { CloudEventMeta } from '@tongguan/contracts';
import { DomainError } from '@tongguan/platform';
import type { InspectionTask } from './inspection-task.schema';

/** The task's events continue the shipment's flow: same correlation, caused by its RiskAssessed. */
export function causeOf(task: InspectionTask): Pick<CloudEventMeta, 'id' | 'correlationId'> {
  return { id: task.causationId, correlationId: task.correlationId };
}

export function taskClosed(task: InspectionTask): DomainError {
  return new DomainError(
    'INSPECTION.TASK_CLOSED',
    `inspection task ${task._id} is already decided (${task.status})`,
  );
}

/** An officer may decide only an open task, and only before its deadline (after it, tacit approval rules). */
export function assertDecidable(task: InspectionTask, at: Date, officerId?: string): void {
  if (officerId && task.claimedBy && task.claimedBy !== officerId) {
    throw new DomainError(
      'INSPECTION.TASK_CLAIMED',
      `inspection task ${task._id} is taken by officer ${task.claimedBy}`,
    );
  }
  if (task.status === 'documents-requested') {
    throw new DomainError(
      'INSPECTION.AWAITING_DOCUMENTS',
      `inspection task ${task._id} waits for documents from the importer; it reopens when they arrive`,
    );
  }
  if (task.status !== 'open') throw taskClosed(task);
  const deadline = new Date(task.deadline);
  if (deadline.getTime() <= at.getTime()) {
    throw new DomainError(
      'INSPECTION.DEADLINE_PASSED',
      `the ${task.limitHours}-hour time limit of inspection task ${task._id} ended at ${deadline.toISOString()}: it is deemed approved`,
    );
  }
}

/** Filter part: the task is unclaimed or claimed by this officer (re-checked inside the conditional write). */
export function claimableBy(officerId: string) {
  return { $or: [{ claimedBy: { $exists: false } }, { claimedBy: officerId }] };
}
