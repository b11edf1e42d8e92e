import type { AgencyDefinition, LocalizedName } from '@tongguan/agencies';
import type { AgencyOutcome } from '@tongguan/contracts';
import { percentile } from '../stats/clearance-statistics';
import { roundHours } from '../timelines/timeline';

/** What a scorecard reads of one recorded decision. */
export interface ScoredDecision {
  agency: string;
  step: string;
  outcome: AgencyOutcome;
  withinLimit: boolean;
  decisionHours: number;
}

/** Complaints filed in the window about an agency step (step null: about the agency as a whole). */
export interface ComplaintTally {
  agency: string;
  step: string | null;
  filed: number;
}

export interface ScorecardFigures {
  decisions: number;
  /** Approved by an officer (tacit approvals are counted apart). */
  approved: number;
  refused: number;
  /** Deemed approved: the limit passed with no decision (a lapse). */
  tacitApprovals: number;
  withinLimit: number;
  /** withinLimit / decisions, to the thousandth; null with no decisions. */
  withinLimitShare: number | null;
  /** Median and 90th percentile of the decision hours (working hours, trader's waits left out). */
  p50Hours: number | null;
  p90Hours: number | null;
  complaints: number;
  /** The share within limit the agency's supervisor is held to (withinLimitTarget of the registry). */
  target: number | null;
  /** Whether the share reaches the target; null with no decisions (nothing to judge) or no target. */
  targetMet: boolean | null;
}

export interface StepScorecard extends ScorecardFigures {
  step: string;
  name: LocalizedName | null;
  limitHours: number | null;
}

export interface AgencyScorecard extends ScorecardFigures {
  agency: string;
  name: LocalizedName | null;
  steps: StepScorecard[];
}

/** The exact quotient is compared with the target (17 of 20 meets 0.85), the rounded one reported. */
const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** The figures of a group of decisions against a target; complaints are counted by the caller. */
export function figuresOf(
  decisions: readonly ScoredDecision[],
  target: number | null,
  complaints: number,
): ScorecardFigures {
  const hours = decisions.map((d) => d.decisionHours).sort((a, b) => a - b);
  const withinLimit = decisions.filter((d) => d.withinLimit).length;
  const share = ratio(withinLimit, decisions.length);
  return {
    decisions: decisions.length,
    approved: decisions.filter((d) => d.outcome === 'approved').length,
    refused: decisions.filter((d) => d.outcome === 'refused').length,
    tacitApprovals: decisions.filter((d) => d.outcome === 'deemed-approved').length,
    withinLimit,
    withinLimitShare: roundHours(share),
    p50Hours: roundHours(percentile(hours, 50)),
    p90Hours: roundHours(percentile(hours, 90)),
    complaints,
    target,
    targetMet: share === null || target === null ? null : share >= target,
  };
}

/**
 * The scorecard of every agency of the registry, each with a row per step, in the registry's order:
 * an agency or step with no decision in the window still has its row. Decisions about an agency or
 * step the registry no longer lists keep theirs after the listed ones (no name, no target), so a
 * registry change never hides history. An agency's complaints are every complaint about it, a step's
 * those naming the step.
 */
export function scorecards(
  decisions: readonly ScoredDecision[],
  agencies: readonly AgencyDefinition[],
  complaints: readonly ComplaintTally[],
): AgencyScorecard[] {
  const agencyIds = [...agencies.map((a) => a.id), ...decisions.map((d) => d.agency)];
  return [...new Set(agencyIds)].map((agencyId) => {
    const definition = agencies.find((a) => a.id === agencyId);
    const target = definition?.withinLimitTarget ?? null;
    const ofAgency = decisions.filter((d) => d.agency === agencyId);
    const complaintsAbout = complaints.filter((c) => c.agency === agencyId);
    const stepIds = [...(definition?.steps.map((s) => s.id) ?? []), ...ofAgency.map((d) => d.step)];
    const steps = [...new Set(stepIds)].map((stepId): StepScorecard => {
      const step = definition?.steps.find((s) => s.id === stepId);
      const filed = complaintsAbout.filter((c) => c.step === stepId).reduce((sum, c) => sum + c.filed, 0);
      return {
        step: stepId,
        name: step?.name ?? null,
        limitHours: step?.limitHours ?? null,
        ...figuresOf(
          ofAgency.filter((d) => d.step === stepId),
          target,
          filed,
        ),
      };
    });
    const filed = complaintsAbout.reduce((sum, c) => sum + c.filed, 0);
    return { agency: agencyId, name: definition?.name ?? null, ...figuresOf(ofAgency, target, filed), steps };
  });
}

/** Where an agency stands over the rolling window, against its target. */
export interface SupervisionStatus {
  agency: string;
  decisions: number;
  withinLimit: number;
  withinLimitRatio: number | null;
  target: number;
  /** Under the target with at least the minimum of decisions: the supervisor is alerted. */
  belowTarget: boolean;
}

/**
 * The rolling-window standing of every registry agency: below target when its share within limit
 * falls under its target over at least `minDecisions` decisions (a few decisions prove nothing).
 */
export function supervisionOf(
  decisions: readonly Pick<ScoredDecision, 'agency' | 'withinLimit'>[],
  agencies: readonly Pick<AgencyDefinition, 'id' | 'withinLimitTarget'>[],
  minDecisions: number,
): SupervisionStatus[] {
  return agencies.map(({ id, withinLimitTarget }) => {
    const ofAgency = decisions.filter((d) => d.agency === id);
    const withinLimit = ofAgency.filter((d) => d.withinLimit).length;
    const share = ratio(withinLimit, ofAgency.length);
    return {
      agency: id,
      decisions: ofAgency.length,
      withinLimit,
      withinLimitRatio: roundHours(share),
      target: withinLimitTarget,
      belowTarget: ofAgency.length >= minDecisions && share !== null && share < withinLimitTarget,
    };
  });
}
