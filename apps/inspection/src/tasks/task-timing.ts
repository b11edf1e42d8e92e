import { hoursBetween, type WorkingCalendar } from '@tongguan/clock';
import type { DocumentRequestRecord, InspectionTask } from './inspection-task.schema';

/**
 * The task's time against its limit. The trader's time is the trader's: while documents are awaited
 * the limit stops (the deadline moves by the working hours the trader took) and those hours are left
 * out of the decision's, which the scorecards count; the wait itself is reported in elapsed hours.
 */
type TimedTask = Pick<InspectionTask, 'openedAt' | 'deadline' | 'pausedAt' | 'documentRequests'>;

/** A decision timed against its limit, as AgencyDecisionRecorded reports it for the scorecards. */
export interface DecisionTiming {
  /** Working hours of the calendar from the opening to the decision, less those the trader took. */
  decisionHours: number;
  /** Elapsed hours the task waited for the trader's documents. */
  traderWaitHours: number;
  withinLimit: boolean;
}

/**
 * The agency cannot be deemed to approve while it waits for the importer: the limit resumes at the
 * answer with the working hours it had left when the documents were asked for.
 */
export function resumedDeadline(
  task: Pick<TimedTask, 'pausedAt' | 'deadline'>,
  answeredAt: Date,
  calendar: WorkingCalendar,
): Date {
  const pausedAt = new Date(task.pausedAt ?? answeredAt);
  const left = Math.max(0, calendar.workingHoursBetween(pausedAt, new Date(task.deadline)));
  return calendar.addWorkingHours(answeredAt, left);
}

/**
 * The time the task waited for the trader: every answered document request, from the request to the
 * answer, in elapsed hours (the trader's own clock) and in working hours of the calendar (what the
 * agency's count leaves out).
 */
export function traderWait(
  requests: readonly Pick<DocumentRequestRecord, 'requestedAt' | 'answeredAt'>[],
  calendar: WorkingCalendar,
): { elapsedHours: number; workingHours: number } {
  let elapsedHours = 0;
  let workingHours = 0;
  for (const { requestedAt, answeredAt } of requests) {
    if (!answeredAt) continue;
    elapsedHours += hoursBetween(requestedAt, answeredAt);
    workingHours += calendar.workingHoursBetween(new Date(requestedAt), new Date(answeredAt));
  }
  return { elapsedHours, workingHours };
}

/** The task's own working hours up to `at` (the trader's left out), to the 1/1000 hour. */
export function decisionTiming(
  task: Pick<TimedTask, 'openedAt' | 'documentRequests'>,
  at: Date,
  withinLimit: boolean,
  calendar: WorkingCalendar,
): DecisionTiming {
  const wait = traderWait(task.documentRequests ?? [], calendar);
  const worked = calendar.workingHoursBetween(new Date(task.openedAt), at) - wait.workingHours;
  return {
    decisionHours: thousandths(Math.max(0, worked)),
    traderWaitHours: thousandths(wait.elapsedHours),
    withinLimit,
  };
}

const thousandths = (hours: number) => Math.round(hours * 1000) / 1000;
