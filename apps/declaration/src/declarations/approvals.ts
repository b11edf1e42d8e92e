import type { RequiredApproval } from '@tongguan/agencies';
import type { AgencyOutcome } from '@tongguan/contracts';

/**
 * The agency approvals a declaration's routing rules require (config/routing-rules.json), as they stand
 * on the declaration: requested all at once at lodgement (the one-stop window), decided one by one by
 * AgencyDecisionRecorded, and all granted before release. Pure.
 */
export const APPROVAL_STATUSES = ['pending', 'approved', 'deemed-approved', 'refused'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export interface ApprovalOnRecord {
  agency: string;
  step: string;
  /** The routing rules that require it for the current version. */
  ruleIds: string[];
  status: ApprovalStatus;
  /** The declaration version that (last) requested it. */
  version: number;
  /** When that version requested it: a decision of a task opened before then was an older version's. */
  requestedAt: Date;
  decidedAt?: Date;
  /** The officer's party, or 'tacit-approval'. */
  decidedBy?: string;
  reasons?: string[];
}

/** Customs' own acceptance review: while it is pending after lodgement the declaration stays received. */
export const ACCEPTANCE_REVIEW = { agency: 'customs', step: 'acceptance-review' } as const;
/**
 * Inspection's steps are decided by its risk assessment and tasks (InspectionCompleted,
 * InspectionDeemedApproved), which clear inspection on the declaration: a routing rule naming them
 * adds nothing to wait for here.
 */
export const INSPECTION_AGENCY = 'inspection';

export const nameOf = (a: Pick<RequiredApproval, 'agency' | 'step'>): string => `${a.agency}/${a.step}`;

export const isAcceptanceReview = (a: Pick<RequiredApproval, 'agency' | 'step'>): boolean =>
  a.agency === ACCEPTANCE_REVIEW.agency && a.step === ACCEPTANCE_REVIEW.step;

export const isGranted = (a: Pick<ApprovalOnRecord, 'status'>): boolean =>
  a.status === 'approved' || a.status === 'deemed-approved';

/** The approvals of a newly lodged declaration: every one pending, requested now. */
export function requestedApprovals(
  required: readonly RequiredApproval[],
  version: number,
  at: Date,
): ApprovalOnRecord[] {
  return required.map(({ agency, step, ruleIds }) => ({
    agency,
    step,
    ruleIds: [...ruleIds],
    status: 'pending',
    version,
    requestedAt: at,
  }));
}

/**
 * The approvals of an amended version: a granted approval the new version still needs stays granted
 * (under the rules that now require it); every other one it needs is requested anew for this version;
 * one it no longer needs is dropped (the replaced version keeps it on record).
 */
export function approvalsAfterAmendment(
  existing: readonly ApprovalOnRecord[],
  required: readonly RequiredApproval[],
  version: number,
  at: Date,
): { approvals: ApprovalOnRecord[]; requested: ApprovalOnRecord[]; kept: ApprovalOnRecord[] } {
  const approvals = required.map((r): ApprovalOnRecord => {
    const before = existing.find((a) => a.agency === r.agency && a.step === r.step);
    return before && isGranted(before)
      ? { ...before, ruleIds: [...r.ruleIds] }
      : {
          agency: r.agency,
          step: r.step,
          ruleIds: [...r.ruleIds],
          status: 'pending',
          version,
          requestedAt: at,
        };
  });
  return {
    approvals,
    requested: approvals.filter((a) => !isGranted(a)),
    kept: approvals.filter(isGranted),
  };
}

/** What release still waits for: each pending approval by name (inspection's clear through its own path). */
export function pendingApprovals(approvals: readonly ApprovalOnRecord[]): string[] {
  return approvals
    .filter((a) => a.status === 'pending' && a.agency !== INSPECTION_AGENCY)
    .map((a) => `${nameOf(a)} pending`);
}

/** Every approval by name and how it was given, for the release's line in the history. */
export function approvalsSummary(approvals: readonly ApprovalOnRecord[]): string {
  const own = approvals.filter((a) => a.agency !== INSPECTION_AGENCY);
  if (own.length === 0) return 'no agency approval required';
  return `approvals: ${own.map((a) => `${nameOf(a)} ${a.status}${a.decidedBy ? ` (${a.decidedBy})` : ''}`).join(', ')}`;
}

export interface AgencyDecision {
  agency: string;
  step: string;
  outcome: AgencyOutcome;
  decidedBy: string;
  reasons: string[];
  /** When the agency's task opened: before the approval was requested means an older version's task. */
  openedAt: Date;
  at: Date;
}

/**
 * The approvals with a decision applied, and the approval it decided; null when it changes nothing: a
 * step the current version does not need, one decided already (a redelivery, or a second task), or a
 * decision on a task an older version opened.
 */
export function decideApproval(
  approvals: readonly ApprovalOnRecord[],
  decision: AgencyDecision,
): { approvals: ApprovalOnRecord[]; approval: ApprovalOnRecord } | null {
  const index = approvals.findIndex((a) => a.agency === decision.agency && a.step === decision.step);
  const current = approvals[index];
  if (!current || current.status !== 'pending') return null;
  if (decision.openedAt.getTime() < new Date(current.requestedAt).getTime()) return null;
  const approval: ApprovalOnRecord = {
    ...current,
    status: decision.outcome,
    decidedAt: decision.at,
    decidedBy: decision.decidedBy,
    ...(decision.reasons.length > 0 ? { reasons: decision.reasons } : {}),
  };
  return { approvals: approvals.map((a, i) => (i === index ? approval : a)), approval };
}

/** 'licensing/licence-verification (LIC-ARMS), customs/acceptance-review (CUS-REVIEW-CONTROLLED)' */
export function describeApprovals(
  approvals: readonly Pick<RequiredApproval, 'agency' | 'step' | 'ruleIds'>[],
): string {
  return approvals.map((a) => `${nameOf(a)} (${a.ruleIds.join(', ')})`).join(', ');
}

/** The approvals as ApprovalsRequested names them. */
export function asRequested(approvals: readonly ApprovalOnRecord[]): RequiredApproval[] {
  return approvals.map(({ agency, step, ruleIds }) => ({ agency, step, ruleIds: [...ruleIds] }));
}
