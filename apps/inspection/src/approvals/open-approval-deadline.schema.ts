import { openSetSchema } from '@tongguan/persistence';

/**
 * The open set of the approval deadline watcher: one entry per open approval task (_id = the task id)
 * with the instant its limit ends, so the sweep reads the tasks in flight, never every task stored.
 */
export const OPEN_APPROVAL_DEADLINE = 'OpenApprovalDeadline';

export const OpenApprovalDeadlineSchema = openSetSchema('open_approval_deadlines', { deadline: Date });
