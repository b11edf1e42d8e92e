import type { WorkingCalendar } from '@tongguan/clock';
import type { InspectionResult } from '@tongguan/contracts';
import type { DocumentRequestRecord, InspectionTask, TaskStatus } from './inspection-task.schema';
import { decisionTiming, resumedDeadline, type DecisionTiming } from './task-timing';

/**
 * The inspection task's state machine, in one place: who may claim it, record its result or ask for
 * documents and when; how asking pauses the time limit and the answer resumes it with the working
 * hours that were left (the trader's time is the trader's: it moves the deadline and is left out of the
 * decision's hours); tacit approval once the deadline passes; closing when the declaration goes
 * (withdrawn, refused release) or an amendment supersedes the task.
 * Pure: the services load a task, ask `decide`, and store what it returns (with the event it
 * announces) in one write guarded by the revision read, so of two racing decisions one wins.
 */
export type TaskState = Pick<
  InspectionTask,
  '_id' | 'status' | 'openedAt' | 'deadline' | 'limitHours' | 'claimedBy' | 'pausedAt' | 'documentRequests'
>;

export type TaskFact =
  | { kind: 'claim'; officerId: string }
  | { kind: 'record-result'; officerId: string; result: InspectionResult; findings: string[] }
  | {
      kind: 'request-documents';
      officerId: string;
      requestId: string;
      documents: { code: string; description: string }[];
    }
  | { kind: 'documents-submitted' }
  | { kind: 'deadline-reached' }
  | { kind: 'close'; status: ClosedTaskStatus; reason: string };

/**
 * How an undecided task closes: the declaration was withdrawn, an amendment superseded its version, or
 * the declaration ended otherwise (release refused, e.g. another agency refused): 'closed'.
 */
export type ClosedTaskStatus = 'withdrawn' | 'superseded' | 'closed';

export type TaskRefusalCode =
  | 'INSPECTION.TASK_CLAIMED'
  | 'INSPECTION.AWAITING_DOCUMENTS'
  | 'INSPECTION.TASK_CLOSED'
  | 'INSPECTION.DEADLINE_PASSED';

export interface TaskRefusal {
  code: TaskRefusalCode;
  message: string;
}

/** The event a transition announces, with what its payload needs beyond the task itself. */
export type TaskAnnouncement =
  | {
      event: 'InspectionCompleted';
      result: InspectionResult;
      findings: string[];
      officerId: string;
      timing: DecisionTiming;
    }
  | { event: 'DocumentsRequested'; request: DocumentRequestRecord }
  | { event: 'InspectionDeemedApproved'; timing: DecisionTiming };

export interface TaskTransition {
  set: Partial<
    Pick<
      InspectionTask,
      | 'status'
      | 'claimedBy'
      | 'claimedAt'
      | 'officerId'
      | 'findings'
      | 'decidedAt'
      | 'pausedAt'
      | 'deadline'
      | 'documentRequests'
      | 'closedReason'
    >
  >;
  push?: { documentRequests: DocumentRequestRecord };
  unset?: 'pausedAt'[];
  announce?: TaskAnnouncement;
}

/** A transition to store, a refusal to tell the officer, or null: nothing to do (repeated, stale, too early). */
export type TaskDecision = { transition: TaskTransition } | { refusal: TaskRefusal } | null;

const UNDECIDED: readonly TaskStatus[] = ['open', 'documents-requested'];

/**
 * What the fact does to the task at business instant `at` (for documents-submitted: the instant they
 * were answered). The calendar counts the working hours left when a paused limit resumes.
 */
export function decide(task: TaskState, fact: TaskFact, at: Date, calendar: WorkingCalendar): TaskDecision {
  switch (fact.kind) {
    case 'claim': {
      const refusal = officerRefusal(task, at, fact.officerId, { awaitingDocuments: true });
      if (refusal) return { refusal };
      if (task.claimedBy === fact.officerId) return null;
      return { transition: { set: { claimedBy: fact.officerId, claimedAt: at } } };
    }
    case 'record-result': {
      const refusal = officerRefusal(task, at, fact.officerId);
      if (refusal) return { refusal };
      const { result, officerId, findings } = fact;
      // an officer decides only before the deadline (officerRefusal): within the limit
      const timing = decisionTiming(task, at, true, calendar);
      return {
        transition: {
          set: { status: result, officerId, findings, decidedAt: at },
          announce: { event: 'InspectionCompleted', result, findings, officerId, timing },
        },
      };
    }
    case 'request-documents': {
      const refusal = officerRefusal(task, at, fact.officerId);
      if (refusal) return { refusal };
      const { requestId, officerId, documents } = fact;
      const request: DocumentRequestRecord = { requestId, officerId, documents, requestedAt: at };
      return {
        transition: {
          set: { status: 'documents-requested', pausedAt: at },
          push: { documentRequests: request },
          announce: { event: 'DocumentsRequested', request },
        },
      };
    }
    case 'documents-submitted': {
      if (task.status !== 'documents-requested') return null;
      return {
        transition: {
          set: {
            status: 'open',
            deadline: resumedDeadline(task, at, calendar),
            documentRequests: (task.documentRequests ?? []).map((r) => ({
              ...r,
              answeredAt: r.answeredAt ?? at,
            })),
          },
          unset: ['pausedAt'],
        },
      };
    }
    case 'deadline-reached': {
      const deadline = new Date(task.deadline);
      if (task.status !== 'open' || deadline.getTime() > at.getTime()) return null;
      // deemed at the limit: a lapse, never a decision within it
      const timing = decisionTiming(task, deadline, false, calendar);
      return {
        transition: {
          set: { status: 'deemed-approved', decidedAt: at },
          announce: { event: 'InspectionDeemedApproved', timing },
        },
      };
    }
    case 'close': {
      if (!UNDECIDED.includes(task.status)) return null;
      // silent: the declaration's own event said it, and a closed task is no decision to score
      return { transition: { set: { status: fact.status, decidedAt: at, closedReason: fact.reason } } };
    }
  }
}

/**
 * What a stored transition means for the deadline watcher's open set: `watch` the new deadline (the
 * answer reopened the task), `drop` the entry (decided or closed: the task never reopens), or `keep`
 * it (a claim changes nothing; a pause leaves it for the sweep to drop when it comes due, guarded,
 * since the answer may reopen the task at any moment).
 */
export function deadlineWatch(t: TaskTransition): { watch: Date } | 'drop' | 'keep' {
  const status = t.set.status;
  if (status === 'open' && t.set.deadline) return { watch: t.set.deadline };
  if (status && !UNDECIDED.includes(status)) return 'drop';
  return 'keep';
}

/**
 * Why an officer may not act on the task now: another officer took it, it waits for documents (a claim
 * is still allowed then), it is decided, or its time limit passed (tacit approval rules from then on).
 */
function officerRefusal(
  task: TaskState,
  at: Date,
  officerId: string,
  allow: { awaitingDocuments?: boolean } = {},
): TaskRefusal | null {
  if (task.claimedBy && task.claimedBy !== officerId) {
    return {
      code: 'INSPECTION.TASK_CLAIMED',
      message: `inspection task ${task._id} is taken by officer ${task.claimedBy}`,
    };
  }
  if (task.status === 'documents-requested') {
    if (allow.awaitingDocuments) return null;
    return {
      code: 'INSPECTION.AWAITING_DOCUMENTS',
      message: `inspection task ${task._id} waits for documents from the importer; it reopens when they arrive`,
    };
  }
  if (task.status !== 'open') {
    return {
      code: 'INSPECTION.TASK_CLOSED',
      message: `inspection task ${task._id} is already decided (${task.status})`,
    };
  }
  const deadline = new Date(task.deadline);
  if (deadline.getTime() <= at.getTime()) {
    return {
      code: 'INSPECTION.DEADLINE_PASSED',
      message: `the ${task.limitHours}-hour time limit of inspection task ${task._id} ended at ${deadline.toISOString()}: it is deemed approved`,
    };
  }
  return null;
}
