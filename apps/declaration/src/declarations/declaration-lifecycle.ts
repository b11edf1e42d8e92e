import type { DeclarationStatus, Direction, RiskChannel } from '@tongguan/contracts';
import {
  approvalsSummary,
  decideApproval,
  isAcceptanceReview,
  nameOf,
  pendingApprovals,
  type AgencyDecision,
  type ApprovalOnRecord,
} from './approvals';
import { RELEASABLE } from './declaration-status';
import {
  covers,
  owedMinor,
  withSettlement,
  type AssessedTotal,
  type SettlementOnRecord,
} from './duty-coverage';

/**
 * The declaration's state machine, in one place: which facts move it where, and when customs
 * releases. Pure: the services load a declaration, ask `decide`, and store what it returns (with the
 * events it names) in one guarded write, so a fact that arrives twice or races another changes nothing
 * twice.
 */
export interface DeclarationState {
  status: DeclarationStatus;
  riskChannel?: RiskChannel;
  /** The inspection task of the current version: results of an older version's task are stale. */
  inspectionTaskId?: string;
  inspectionCleared: boolean;
  /** The assessment of the current version: what the settlements must cover before release. */
  duty: AssessedTotal;
  /** This declaration's settlements (PaymentSettled naming its id), each once. */
  settlements?: SettlementOnRecord[];
  /** Whether the settlements cover the current assessment: kept for readers, decided by duty-coverage. */
  paid: boolean;
  noticePending?: boolean;
  releasedAt?: Date;
  /**
   * Inspection results that arrived before the RiskAssessed naming their task. Inspection relays each
   * of its documents' events on its own (and every instance relays), so a task's result can overtake
   * the assessment's RiskAssessed on Kafka; it waits here and is applied with that RiskAssessed.
   */
  earlyInspectionResults?: InspectionResultFact[];
  /** The agency approvals the routing rules require of the current version (see approvals). */
  approvals?: ApprovalOnRecord[];
  /** Absent on an import. An export is released for loading only once its goods are at the port. */
  direction?: Direction;
  /** Export: the terminal let the goods in against this declaration (ExportGateInRecorded). */
  goodsAtPort?: boolean;
}

export type DeclarationFact =
  | { kind: 'risk-assessed'; channel: RiskChannel; taskId: string }
  | { kind: 'inspection-cleared'; taskId: string; reason: string }
  | { kind: 'inspection-failed'; taskId: string; reasons: string[] }
  | { kind: 'settled'; settlement: SettlementOnRecord }
  | { kind: 'documents-requested'; by: string; reason: string }
  | { kind: 'documents-submitted'; by: string }
  | ({ kind: 'agency-decided' } & AgencyDecision)
  | { kind: 'goods-at-port' }
  /** The goods left: an import through the gate (gate-out), an export on the vessel (departure). */
  | { kind: 'goods-exited'; via: 'gate-out' | 'departure' }
  | { kind: 'withdrawn'; by: string; reason: string };

export type InspectionResultFact = Extract<
  DeclarationFact,
  { kind: 'inspection-cleared' | 'inspection-failed' }
>;

/** One entry of the status history; `announce` sends DeclarationStatusChanged to the importer. */
export interface StatusStep {
  status: DeclarationStatus;
  by: string;
  reason: string;
  announce: boolean;
}

export interface Transition {
  set: Partial<Omit<DeclarationState, 'status'>>;
  /** The history entries, in order; the last one's status is the new status. */
  steps: StatusStep[];
  incNoticesAnswered?: boolean;
  /** Customs accepts after its acceptance review: DeclarationAccepted and DutyAssessed [T2]. */
  accepted?: boolean;
  /** Customs releases in the same write: ShipmentReleased. */
  released?: boolean;
  /** Customs refuses release: ReleaseRefused with these reasons. */
  refused?: string[];
  /**
   * A settlement left the current version's assessment short by this much: DutyAssessed of the version
   * is announced again, so that logistics requests the difference.
   */
  dutyOwedMinor?: number;
}

/** What still stands between the declaration and its release; empty when customs may release. */
export function releaseBlockers(state: DeclarationState): string[] {
  const blockers: string[] = [];
  if (state.releasedAt) blockers.push('already released');
  if (!RELEASABLE.includes(state.status)) blockers.push(`status ${state.status}`);
  if (state.noticePending) blockers.push('a notice waits for the importer');
  blockers.push(...pendingApprovals(state.approvals ?? []));
  if (!state.inspectionCleared) blockers.push('inspection not cleared');
  if (state.direction === 'export' && !state.goodsAtPort) blockers.push('export goods not at the port yet');
  if (!covers(state.duty, state.settlements ?? [])) blockers.push('duties not paid');
  return blockers;
}

/** The transition a fact causes, or null when it changes nothing (stale, repeated or too late). */
export function decide(state: DeclarationState, fact: DeclarationFact): Transition | null {
  const transition = apply(state, fact);
  if (!transition) return null;
  const after = { ...state, ...transition.set, status: statusAfter(state, transition) };
  if (!transition.refused && releaseBlockers(after).length === 0) {
    const exported = state.direction === 'export';
    transition.steps.push({
      status: 'released',
      by: 'customs',
      reason: `${exported ? 'released for loading: ' : ''}accepted, inspection cleared${exported ? ', the goods at the port' : ''} and paid; ${approvalsSummary(after.approvals ?? [])}`,
      announce: false,
    });
    transition.released = true;
  }
  return transition.steps.length > 0 || Object.keys(transition.set).length > 0 ? transition : null;
}

export function statusAfter(state: DeclarationState, transition: Transition): DeclarationStatus {
  return transition.steps.at(-1)?.status ?? state.status;
}

function apply(state: DeclarationState, fact: DeclarationFact): Transition | null {
  const open = RELEASABLE.includes(state.status);
  switch (fact.kind) {
    case 'risk-assessed': {
      if (state.riskChannel || !open) return null;
      const reason = `risk channel ${fact.channel}`;
      const set = {
        riskChannel: fact.channel,
        inspectionTaskId: fact.taskId,
        ...(fact.channel === 'GREEN' ? { inspectionCleared: true } : {}),
      };
      const physical = fact.channel === 'RED' && !state.noticePending;
      const assessed: Transition = {
        set,
        steps: [
          physical
            ? { status: 'under-physical-check', by: 'inspection', reason, announce: true }
            : { status: state.status, by: 'inspection', reason, announce: false },
        ],
      };
      const early = state.earlyInspectionResults?.find((r) => r.taskId === fact.taskId);
      return early ? andThen(state, assessed, early) : assessed;
    }
    case 'inspection-cleared': {
      if (!state.riskChannel && open) return remember(state, fact);
      if (state.inspectionTaskId !== fact.taskId || state.inspectionCleared || !open) return null;
      const set = { inspectionCleared: true };
      // while a notice waits for the importer the declaration keeps saying 'documents-required'
      if (state.noticePending) return { set, steps: [] };
      const announce = state.status !== 'accepted';
      return { set, steps: [{ status: 'accepted', by: 'inspection', reason: fact.reason, announce }] };
    }
    case 'inspection-failed': {
      if (!state.riskChannel && open) return remember(state, fact);
      if (state.inspectionTaskId !== fact.taskId || !open) return null;
      const reason = fact.reasons.join('; ');
      return {
        set: {},
        steps: [{ status: 'refused', by: 'customs', reason, announce: false }],
        refused: fact.reasons,
      };
    }
    case 'settled': {
      const settlements = withSettlement(state.settlements ?? [], fact.settlement);
      if (!settlements) return null;
      // recorded even on a closed declaration: the money moved, and a refund would start from it
      const owed = owedMinor(state.duty, settlements);
      return {
        set: { settlements, paid: owed === 0 },
        steps: [],
        ...(owed > 0 && open ? { dutyOwedMinor: owed } : {}),
      };
    }
    case 'documents-requested': {
      if (!open) return null;
      const step = { status: 'documents-required' as const, by: fact.by, reason: fact.reason };
      return state.status === 'documents-required'
        ? { set: {}, steps: [{ ...step, announce: false }] }
        : { set: { noticePending: true }, steps: [{ ...step, announce: true }] };
    }
    case 'documents-submitted': {
      if (state.status !== 'documents-required') return null;
      const status =
        state.riskChannel === 'RED' && !state.inspectionCleared ? 'under-physical-check' : 'accepted';
      const reason = 'documents submitted in one resubmission';
      return {
        set: { noticePending: false },
        steps: [{ status, by: fact.by, reason, announce: true }],
        incNoticesAnswered: true,
      };
    }
    case 'agency-decided':
      return agencyDecided(state, fact);
    case 'goods-at-port':
      if (state.direction !== 'export' || state.goodsAtPort || !open) return null;
      return { set: { goodsAtPort: true }, steps: [] };
    case 'goods-exited': {
      if (state.status !== 'released') return null;
      // an import leaves through the gate, an export on its vessel: never the other way round
      if ((fact.via === 'departure') !== (state.direction === 'export')) return null;
      const reason =
        fact.via === 'departure' ? 'the vessel left with the goods on board' : 'cargo left the terminal';
      return { set: {}, steps: [{ status: 'goods-exited', by: 'port', reason, announce: true }] };
    }
    case 'withdrawn':
      // also while customs' acceptance review is pending
      if (!open && state.status !== 'received') return null;
      return { set: {}, steps: [{ status: 'cancelled', by: fact.by, reason: fact.reason, announce: false }] };
  }
}

/**
 * An agency decided one of the approvals: granted, it may complete the release (decide checks); refused,
 * release is refused. Customs' acceptance review decides acceptance itself while the declaration is
 * received: accepted [T2] (DeclarationAccepted, DutyAssessed) or rejected with the officer's reasons.
 */
function agencyDecided(state: DeclarationState, fact: AgencyDecision): Transition | null {
  const received = state.status === 'received';
  if (!received && !RELEASABLE.includes(state.status)) return null;
  const decided = decideApproval(state.approvals ?? [], fact);
  if (!decided) return null;
  const { approval } = decided;
  const set = { approvals: decided.approvals };
  const reviewed = received && isAcceptanceReview(approval);
  if (approval.status === 'refused') {
    const reason = `${nameOf(approval)} refused by ${fact.decidedBy}: ${fact.reasons.join('; ') || 'no reason given'}`;
    const status = reviewed ? 'rejected' : 'refused';
    return { set, steps: [{ status, by: fact.decidedBy, reason, announce: reviewed }], refused: [reason] };
  }
  const reason =
    approval.status === 'deemed-approved'
      ? `${nameOf(approval)} deemed approved: its time limit passed (tacit approval)`
      : `${nameOf(approval)} approved by ${fact.decidedBy}`;
  const by = approval.status === 'deemed-approved' ? approval.agency : fact.decidedBy;
  if (reviewed) return { set, steps: [{ status: 'accepted', by, reason, announce: false }], accepted: true };
  return { set, steps: [{ status: state.status, by, reason, announce: false }] };
}

/** A result for a task no RiskAssessed has named yet: kept (once) for when it does. */
function remember(state: DeclarationState, fact: InspectionResultFact): Transition | null {
  const early = state.earlyInspectionResults ?? [];
  if (early.some((r) => r.taskId === fact.taskId)) return null;
  return { set: { earlyInspectionResults: [...early, fact] }, steps: [] };
}

/** The transition, then the fact applied to the state it leaves, as one transition. */
function andThen(state: DeclarationState, first: Transition, fact: DeclarationFact): Transition {
  const second = apply({ ...state, ...first.set, status: statusAfter(state, first) }, fact);
  if (!second) return first;
  return {
    ...first,
    ...second,
    set: { ...first.set, ...second.set },
    steps: [...first.steps, ...second.steps],
  };
}

/**
 * Why the importer may not amend now, or null. Until release an amendment is accepted also after (or
 * while) a payment settles: the new version is assessed again and whatever its assessment still lacks
 * must be settled before release (see duty-coverage). After release the goods are gone: no amendment.
 */
export function amendmentRefusal(state: DeclarationState): string | null {
  if (state.status === 'received') {
    return "the declaration awaits customs' acceptance review: wait for it, or withdraw it and lodge a corrected one";
  }
  if (!RELEASABLE.includes(state.status)) return `a ${state.status} declaration cannot be amended`;
  return null;
}

/** Whether the amended version is paid: what this declaration has settled against its new assessment. */
export function paidAfterAmendment(state: DeclarationState, assessment: AssessedTotal): boolean {
  return covers(assessment, state.settlements ?? []);
}
