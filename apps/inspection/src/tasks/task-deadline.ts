import type { RiskChannel } from '@tongguan/contracts';
import { HOUR_MS } from '@tongguan/clock';
import type { TaskKind } from './inspection-task.schema';

export interface TimeLimits {
  yellowHours: number;
  redHours: number;
}

export function kindOf(channel: Exclude<RiskChannel, 'GREEN'>): TaskKind {
  return channel === 'RED' ? 'physical-inspection' : 'document-check';
}

/**
 * The time limit of a task and the instant it ends. The green channel halves the limit. Hours are plain
 * elapsed business hours for now; counting on the agency's working calendar is a later step.
 */
export function taskDeadline(
  openedAt: Date,
  channel: Exclude<RiskChannel, 'GREEN'>,
  greenChannel: boolean,
  limits: TimeLimits,
): { limitHours: number; deadline: Date } {
  const base = channel === 'RED' ? limits.redHours : limits.yellowHours;
  const limitHours = greenChannel ? base / 2 : base;
  return { limitHours, deadline: new Date(openedAt.getTime() + limitHours * HOUR_MS) };
}
