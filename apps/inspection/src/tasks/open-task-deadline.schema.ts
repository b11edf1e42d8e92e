import { openSetSchema, type OpenEntry } from '@tongguan/persistence';

/**
 * The open set of the deadline watcher: one entry per open task (_id = the task id) with the instant
 * its time limit ends, so the watcher's sweep reads the tasks in flight instead of scanning every task
 * ever stored. An entry may outlive its task's opening (a task paused for documents, or a removal
 * lost to a crash); the sweep drops it when it comes due and finds the task not open.
 */
export type OpenTaskDeadline = OpenEntry<{ deadline: Date }>;

export const OPEN_TASK_DEADLINE = 'OpenTaskDeadline';

export const OpenTaskDeadlineSchema = openSetSchema('open_task_deadlines', { deadline: Date });
