import { openSetSchema, type OpenEntry } from '@tongguan/persistence';

/**
 * The open set of the hand-over from assessment to task: one entry per task an assessment still has
 * to open (_id = the task id), so the pending-task sweep reads the openings in flight instead of
 * scanning every assessment ever stored. The version is that of the assessment that names the task.
 */
export type PendingTaskOpening = OpenEntry<{ declarationId: string; version: number }>;

export const PENDING_TASK_OPENING = 'PendingTaskOpening';

export const PendingTaskOpeningSchema = openSetSchema('pending_task_openings', {
  declarationId: String,
  version: Number,
});
