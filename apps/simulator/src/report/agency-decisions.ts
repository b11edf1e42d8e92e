import type { ObservedEvent } from '../platform/event-observer';

/** An agency step as 'agency/step' (the registry's ids). */
export type StepKey = string;

/** Limits in working hours the services put on the tasks of one step, as the run saw them. */
export interface LimitsApplied {
  ordinary: number[];
  green: number[];
}

/** What the agencies did with the run's tasks: the tacit approvals and the limits the services applied. */
export interface AgencyDecisions {
  tacitApprovals: { total: number; byStep: Record<StepKey, number> };
  limitsApplied: Record<StepKey, LimitsApplied>;
}

/**
 * The limits the services put on the tasks the simulated officers saw (a task's view, a decision
 * event): the proof that a what-if's limits reached the platform, not just its configuration files.
 */
export class LimitsSeen {
  private readonly seen = new Map<StepKey, { ordinary: Set<number>; green: Set<number> }>();

  record(agency: string, step: string, greenChannel: boolean, limitHours: unknown): void {
    if (typeof limitHours !== 'number' || !Number.isFinite(limitHours)) return;
    const key = `${agency}/${step}`;
    const entry = this.seen.get(key) ?? { ordinary: new Set(), green: new Set() };
    (greenChannel ? entry.green : entry.ordinary).add(round(limitHours));
    this.seen.set(key, entry);
  }

  summary(): Record<StepKey, LimitsApplied> {
    const sorted = (values: Set<number>) => [...values].sort((a, b) => a - b);
    return Object.fromEntries(
      [...this.seen]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, e]) => [key, { ordinary: sorted(e.ordinary), green: sorted(e.green) }]),
    );
  }
}

/** Inspection's step of a risk channel (its tasks are the registry's inspection steps). */
const INSPECTION_STEP: Record<string, string> = { YELLOW: 'document-check', RED: 'physical-inspection' };

/**
 * Counts the tacit approvals among the observed events, once per task: AgencyDecisionRecorded with the
 * outcome deemed-approved names its agency step; an InspectionDeemedApproved not also reported so
 * (a platform whose inspection does not yet record agency decisions) is counted under inspection's step
 * of its risk channel. The limits of the decision events join those the officers saw.
 */
export function summariseAgencyDecisions(
  events: readonly ObservedEvent[],
  limitsSeen = new LimitsSeen(),
): AgencyDecisions {
  const deemed = new Map<string, StepKey>();
  const channelOfTask = new Map<string, string>();
  for (const e of events) {
    if (e.name === 'RiskAssessed' && e.payload?.taskId)
      channelOfTask.set(e.payload.taskId, e.payload.channel);
  }
  for (const e of events) {
    if (e.name !== 'AgencyDecisionRecorded') continue;
    const { taskId, agency, step, outcome, greenChannel, limitHours } = e.payload ?? {};
    limitsSeen.record(agency, step, greenChannel === true, limitHours);
    if (outcome === 'deemed-approved') deemed.set(taskId, `${agency}/${step}`);
  }
  for (const e of events) {
    if (e.name !== 'InspectionDeemedApproved' || deemed.has(e.payload?.taskId)) continue;
    const step = INSPECTION_STEP[channelOfTask.get(e.payload?.taskId) ?? ''] ?? 'task';
    deemed.set(e.payload?.taskId, `inspection/${step}`);
  }
  const byStep: Record<StepKey, number> = {};
  for (const key of [...deemed.values()].sort()) byStep[key] = (byStep[key] ?? 0) + 1;
  return { tacitApprovals: { total: deemed.size, byStep }, limitsApplied: limitsSeen.summary() };
}

/** Limits as the registry's hours are written: no binary fractions (0.47 × 16 = 7.52, not 7.5200000001). */
function round(hours: number): number {
  return Math.round(hours * 1e6) / 1e6;
}
