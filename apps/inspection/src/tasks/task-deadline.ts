import type { RiskChannel } from '@tongguan/contracts';
import type { WorkingCalendar } from '@tongguan/clock';
import type { TaskKind } from './inspection-task.schema';

/** Time limits in working hours of the agency calendar. */
export interface TimeLimits {
  yellowHours: number;
  redHours: number;
}

export function kindOf(channel: Exclude<RiskChannel, 'GREEN'>): TaskKind {
  return channel === 'RED' ? 'physical-inspection' : 'document-check';
}

/**
 * The time limit of a task and the instant it ends: the limit in working hours counted on the agency
 * calendar from the assessment (from the next opening when the assessment came after hours). The green
 * channel halves the limit.
 */
export function taskDeadline(
  openedAt: Date,
  channel: Exclude<RiskChannel, 'GREEN'>,
  greenChannel: boolean,
  limits: TimeLimits,
  calendar: WorkingCalendar,
): { limitHours: number; deadline: Date } {
  const base = channel === 'RED' ? limits.redHours : limits.yellowHours;
  const limitHours = greenChannel ? base / 2 : base;
  return { limitHours, deadline: calendar.addWorkingHours(openedAt, limitHours) };
}
