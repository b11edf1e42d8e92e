import type { AgencyRegistry } from '@tongguan/agencies';
import type { WorkingCalendar } from '@tongguan/clock';
import type { RiskChannel } from '@tongguan/contracts';
import type { InspectionConfig } from '../config/inspection-config';
import { TASK_KINDS, type TaskKind } from './inspection-task.schema';

/** A task kind's limit in working hours of the inspection calendar, and the green channel's. */
export interface KindLimit {
  hours: number;
  greenHours: number;
}

export type TimeLimits = Record<TaskKind, KindLimit>;

/** The registry's agency whose steps inspection's own tasks are (step id = task kind). */
export const INSPECTION_AGENCY = 'inspection';

export function kindOf(channel: Exclude<RiskChannel, 'GREEN'>): TaskKind {
  return channel === 'RED' ? 'physical-inspection' : 'document-check';
}

/**
 * Each kind's limits: the registry's inspection/document-check and inspection/physical-inspection
 * steps (with their green-channel limits), unless INSPECTION_LIMIT_HOURS_YELLOW/RED set one, which
 * the green channel halves as it always did.
 */
export function taskLimits(
  config: Pick<InspectionConfig, 'INSPECTION_LIMIT_HOURS_YELLOW' | 'INSPECTION_LIMIT_HOURS_RED'>,
  registry: AgencyRegistry,
): TimeLimits {
  const overrides: Record<TaskKind, number | undefined> = {
    'document-check': config.INSPECTION_LIMIT_HOURS_YELLOW,
    'physical-inspection': config.INSPECTION_LIMIT_HOURS_RED,
  };
  const limitOf = (kind: TaskKind): KindLimit => {
    const override = overrides[kind];
    if (override !== undefined) return { hours: override, greenHours: override / 2 };
    return {
      hours: registry.limitHours(INSPECTION_AGENCY, kind, false),
      greenHours: registry.limitHours(INSPECTION_AGENCY, kind, true),
    };
  };
  return Object.fromEntries(TASK_KINDS.map((kind) => [kind, limitOf(kind)])) as TimeLimits;
}

/**
 * The time limit of a task and the instant it ends: the limit in working hours counted on the agency
 * calendar from the assessment (from the next opening when the assessment came after hours).
 */
export function taskDeadline(
  openedAt: Date,
  channel: Exclude<RiskChannel, 'GREEN'>,
  greenChannel: boolean,
  limits: TimeLimits,
  calendar: WorkingCalendar,
): { limitHours: number; deadline: Date } {
  const limit = limits[kindOf(channel)];
  const limitHours = greenChannel ? limit.greenHours : limit.hours;
  return { limitHours, deadline: calendar.addWorkingHours(openedAt, limitHours) };
}
