import type { AgencyOutcome } from '@tongguan/contracts';
import type { ApprovalStatus, ApprovalTask } from './approval-task.schema';

/**
 * The approval task's rules, in one place: which steps a request opens (once per declaration version;
 * never again once granted), how an officer decides, what the limit does (tacit approval where the
 * law allows it, overdue where it does not: never approved by silence), and closing when the
 * declaration goes (withdrawn, refused or rejected) or an amendment supersedes the task. Pure: the
 * desk loads, asks, and stores what it returns (with the event it announces) in one write guarded by
 * the revision read, so of two racing decisions one wins.
 */
export type ApprovalState = Pick<
  ApprovalTask,
  | '_id'
  | 'agency'
  | 'step'
  | 'status'
  | 'tacitApproval'
  | 'openedAt'
  | 'dueAt'
  | 'limitHours'
  | 'traderWaitHours'
  | 'closedReason'
>;

export const TACIT_APPROVAL = 'tacit-approval';

export type ApprovalFact =
  | { kind: 'decide'; officerId: string; outcome: 'approved' | 'refused'; reasons: string[] }
  | { kind: 'deadline-reached' }
  | { kind: 'close'; status: ClosedStatus; reason: string };

/**
 * How an undecided task closes: the declaration was withdrawn, an amendment superseded its version, or
 * the declaration ended otherwise (release refused, rejected at acceptance review): 'closed'.
 */
export type ClosedStatus = 'withdrawn' | 'superseded' | 'closed';

export type ApprovalRefusalCode =
  'APPROVAL.ALREADY_DECIDED' | 'APPROVAL.CLOSED' | 'APPROVAL.DEADLINE_PASSED' | 'APPROVAL.REASONS_REQUIRED';

export interface ApprovalRefusal {
  code: ApprovalRefusalCode;
  message: string;
}

/** The decision AgencyDecisionRecorded announces, timed against the limit. */
export interface RecordedDecision {
  outcome: AgencyOutcome;
  decidedBy: string;
  reasons: string[];
  decisionHours: number;
  traderWaitHours: number;
  withinLimit: boolean;
}

export interface ApprovalTransition {
  set: Partial<
    Pick<
      ApprovalTask,
      | 'status'
      | 'overdueAt'
      | 'decidedBy'
      | 'decidedAt'
      | 'reasons'
      | 'decisionHours'
      | 'withinLimit'
      | 'closedAt'
      | 'closedReason'
    >
  >;
  announce?: RecordedDecision;
}

export type ApprovalVerdict = { transition: ApprovalTransition } | { refusal: ApprovalRefusal } | null;

/** Working hours of the agency's calendar between two instants. */
export type AgencyHours = (from: Date, to: Date) => number;

const UNDECIDED: readonly ApprovalStatus[] = ['open', 'overdue'];
const DECIDED: readonly ApprovalStatus[] = ['approved', 'refused', 'deemed-approved'];
const GRANTED: readonly ApprovalStatus[] = ['approved', 'deemed-approved'];

export function isUndecided(status: ApprovalStatus): boolean {
  return UNDECIDED.includes(status);
}

/** What the fact does to the task at business instant `at`. */
export function decide(
  task: ApprovalState,
  fact: ApprovalFact,
  at: Date,
  agencyHours: AgencyHours,
): ApprovalVerdict {
  const due = new Date(task.dueAt);
  switch (fact.kind) {
    case 'decide': {
      const refusal = officerRefusal(task, fact, at);
      if (refusal) return { refusal };
      const decision: RecordedDecision = {
        outcome: fact.outcome,
        decidedBy: fact.officerId,
        reasons: fact.reasons,
        decisionHours: decisionHours(task, at, agencyHours),
        traderWaitHours: task.traderWaitHours ?? 0,
        withinLimit: at.getTime() <= due.getTime(),
      };
      return { transition: recorded(decision, at) };
    }
    case 'deadline-reached': {
      if (task.status !== 'open' || due.getTime() > at.getTime()) return null;
      if (!task.tacitApproval) return { transition: { set: { status: 'overdue', overdueAt: at } } };
      // the law's approval, not the agency's: a lapse never counts as a decision within the limit
      const decision: RecordedDecision = {
        outcome: 'deemed-approved',
        decidedBy: TACIT_APPROVAL,
        reasons: [`no decision within the ${task.limitHours}-hour limit: deemed approved`],
        decisionHours: decisionHours(task, due, agencyHours),
        traderWaitHours: task.traderWaitHours ?? 0,
        withinLimit: false,
      };
      return { transition: recorded(decision, at) };
    }
    case 'close': {
      if (!isUndecided(task.status)) return null;
      // silent: the declaration's own event said it, and a closed step is no decision to score
      return { transition: { set: { status: fact.status, closedAt: at, closedReason: fact.reason } } };
    }
  }
}

function recorded(decision: RecordedDecision, at: Date): ApprovalTransition {
  const { outcome, decidedBy, reasons, decisionHours, withinLimit } = decision;
  return {
    set: { status: outcome, decidedBy, decidedAt: at, reasons, decisionHours, withinLimit },
    announce: decision,
  };
}

/** Working hours from the opening to `at` on the agency's calendar, less the trader's (to the 1/1000 h). */
function decisionHours(task: ApprovalState, at: Date, agencyHours: AgencyHours): number {
  const hours = agencyHours(new Date(task.openedAt), at) - (task.traderWaitHours ?? 0);
  return Math.round(Math.max(0, hours) * 1000) / 1000;
}

/**
 * Why the officer may not decide now: decided already, closed, a refusal without reasons, or a limit
 * passed that the law turns into a tacit approval. A step without tacit approval stays decidable late.
 */
function officerRefusal(
  task: ApprovalState,
  fact: Extract<ApprovalFact, { kind: 'decide' }>,
  at: Date,
): ApprovalRefusal | null {
  if (DECIDED.includes(task.status)) {
    return {
      code: 'APPROVAL.ALREADY_DECIDED',
      message: `approval task ${task._id} is already decided (${task.status})`,
    };
  }
  if (!isUndecided(task.status)) {
    return {
      code: 'APPROVAL.CLOSED',
      message: `approval task ${task._id} was closed (${task.status}): ${task.closedReason ?? 'no longer needed'}`,
    };
  }
  if (fact.outcome === 'refused' && fact.reasons.length === 0) {
    return { code: 'APPROVAL.REASONS_REQUIRED', message: 'a refusal must give at least one reason' };
  }
  const due = new Date(task.dueAt);
  if (task.tacitApproval && due.getTime() <= at.getTime()) {
    return {
      code: 'APPROVAL.DEADLINE_PASSED',
      message: `the ${task.limitHours}-hour limit of ${task.agency}/${task.step} ended at ${due.toISOString()}: it is deemed approved`,
    };
  }
  return null;
}

/**
 * What the open set of deadlines does after a stored transition: only an open task is watched, so
 * every transition (a decision, overdue, closing) drops its entry.
 */
export function stillWatched(t: ApprovalTransition): boolean {
  return t.set.status === undefined || t.set.status === 'open';
}

/** A step the request names, as the desk opens it. */
export interface RequestedStep {
  agency: string;
  step: string;
}

/** Which requested steps to open (idempotently) and which earlier tasks an amendment supersedes. */
export interface OpeningPlan<S extends RequestedStep> {
  open: S[];
  supersede: string[];
}

/**
 * A request for declaration version `version`: every step but inspection's own (its checks come from
 * its risk assessment) opens once per version, unless it was granted already (approved or deemed
 * approved, under any version: an amendment keeps what was granted); a step refused before is opened
 * again when an amendment asks for it (the amended filing is the importer's answer to the refusal).
 * Undecided tasks of earlier versions are superseded (the agency's time counts from the data it now
 * has). Nothing for a declaration that ended (withdrawn, refused or rejected: a request redelivered
 * after its end opens nothing), nor for a request older than a task stored.
 */
export function planOpening<S extends RequestedStep>(
  request: { version: number; approvals: readonly S[] },
  existing: readonly Pick<ApprovalTask, '_id' | 'agency' | 'step' | 'status' | 'declarationVersion'>[],
  ended: boolean,
): OpeningPlan<S> {
  const none = { open: [], supersede: [] };
  if (ended || existing.some((t) => t.declarationVersion > request.version)) return none;
  const same = (a: RequestedStep, b: RequestedStep) => a.agency === b.agency && a.step === b.step;
  const open = request.approvals.filter((approval) => {
    if (approval.agency === 'inspection') return false;
    const tasks = existing.filter((t) => same(t, approval));
    // the same version's task again: opening it is idempotent and repairs its deadline entry
    if (tasks.some((t) => t.declarationVersion === request.version)) return true;
    return !tasks.some((t) => GRANTED.includes(t.status));
  });
  const supersede = existing
    .filter((t) => t.declarationVersion < request.version && isUndecided(t.status))
    .map((t) => t._id);
  return { open, supersede };
}
