import type { AgencyOutcome } from '@tongguan/contracts';

/**
 * Nine decisions of two agencies whose scorecards are worked out by hand in scorecard.spec.ts; the
 * integration test publishes the same decisions and expects the same figures from the API.
 */
export interface ExampleDecision {
  taskId: string;
  agency: string;
  step: string;
  outcome: AgencyOutcome;
  decisionHours: number;
  limitHours: number;
  withinLimit: boolean;
}

const licence = (taskId: string, outcome: AgencyOutcome, decisionHours: number): ExampleDecision => ({
  taskId,
  agency: 'licensing',
  step: 'licence-verification',
  outcome,
  decisionHours,
  limitHours: 16,
  withinLimit: outcome !== 'deemed-approved' && decisionHours <= 16,
});

const registration = (taskId: string, outcome: AgencyOutcome, decisionHours: number): ExampleDecision => ({
  taskId,
  agency: 'health',
  step: 'registration-check',
  outcome,
  decisionHours,
  limitHours: 8,
  withinLimit: decisionHours <= 8,
});

export const SCORECARD_EXAMPLE: ExampleDecision[] = [
  licence('L1', 'approved', 4),
  licence('L2', 'approved', 10),
  licence('L3', 'refused', 12),
  licence('L4', 'approved', 20), // late
  licence('L5', 'deemed-approved', 16), // the limit lapsed: tacit approval, not within limit
  licence('L6', 'approved', 6),
  registration('H1', 'approved', 3),
  registration('H2', 'refused', 5),
  registration('H3', 'approved', 9.5), // late
];

/** Complaints filed about them in the same window. */
export const COMPLAINT_EXAMPLE = [
  { agency: 'licensing', step: 'licence-verification', filed: 2 },
  { agency: 'licensing', step: null, filed: 1 },
  { agency: 'health', step: 'registration-check', filed: 1 },
];
