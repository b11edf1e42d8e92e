import type { RiskChannel } from '@tongguan/contracts';
import type { RiskAssessment } from './risk-assessment.schema';

/**
 * The rules of a risk assessment's life, pure: it is written once per declaration version, it is the
 * durable intent to open the task it names until that task is opened, and the declaration's end (a
 * withdrawal, a refused release) ends that.
 */
export type AssessmentState = Pick<
  RiskAssessment,
  'channel' | 'taskId' | 'taskOpenedAt' | 'withdrawnAt' | 'closedAt' | 'version'
>;

/** The task the assessment still has to open, or null: GREEN, opened already, or the declaration ended. */
export function taskToOpen(
  assessment: AssessmentState,
): { taskId: string; channel: Exclude<RiskChannel, 'GREEN'> } | null {
  const { channel, taskId } = assessment;
  if (channel === 'GREEN' || !taskId) return null;
  if (assessment.taskOpenedAt || assessment.withdrawnAt || assessment.closedAt) return null;
  return { taskId, channel };
}

/** An amendment is assessed again only when it is newer than the version assessed (redeliveries are not). */
export function assessesAgain(stored: Pick<AssessmentState, 'version'> | null, version: number): boolean {
  return !stored || (stored.version ?? 1) < version;
}

/**
 * What the pending-task sweep makes of an entry of the open set (a task an assessment named, to open):
 * `open` it, drop it as `done` (the task was opened, the declaration ended, or a newer version
 * named another task: none of these ever reverts), or `unwritten`: the assessment it was written
 * before has not landed (yet), so it stays until that write is long overdue.
 */
export function pendingOpening(
  entry: { _id: string; version: number },
  assessment: (AssessmentState & Pick<RiskAssessment, 'taskId'>) | null,
): 'open' | 'done' | 'unwritten' {
  if (!assessment || entry.version > (assessment.version ?? 1)) return 'unwritten';
  return assessment.taskId === entry._id && taskToOpen(assessment) ? 'open' : 'done';
}

/** The shipment's latest assessment: a B/L may be declared more than once, the last assessed counts. */
export function latestOf<T extends Pick<RiskAssessment, 'assessedAt'>>(assessments: T[]): T | null {
  let latest: T | null = null;
  for (const a of assessments) {
    if (!latest || new Date(a.assessedAt).getTime() > new Date(latest.assessedAt).getTime()) latest = a;
  }
  return latest;
}
