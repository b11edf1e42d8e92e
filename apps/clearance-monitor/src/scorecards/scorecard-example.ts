import type { AgencyOutcome } from '@tongguan/contracts';

/**
 * Nine decisions of two agencies whose scorecards are worked out by hand below (EXAMPLE_FIGURES):
 * scorecard.spec.ts computes them from the decisions, the integration test publishes the same decisions
 * and expects the same figures from the API.
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

/** The example's scorecards, worked out by hand. */
export const EXAMPLE_FIGURES = {
  // licensing, licence verification (limit 16 h, target 0.85): hours 4, 10, 12, 20, 16, 6
  //   approved L1 L2 L4 L6 = 4, refused L3 = 1, tacit L5 = 1; within limit L1 L2 L3 L6 = 4 of 6 = 0.667
  //   sorted 4, 6, 10, 12, 16, 20: p50 at rank 2.5 → 10 + 0.5 × 2 = 11; p90 at rank 4.5 → 16 + 0.5 × 4 = 18
  //   complaints: 2 about the step, 1 more about the agency as a whole
  licenceVerification: {
    step: 'licence-verification',
    name: { en: 'Licence verification', 'zh-CN': '许可证核验' },
    limitHours: 16,
    decisions: 6,
    approved: 4,
    refused: 1,
    tacitApprovals: 1,
    withinLimit: 4,
    withinLimitShare: 0.667,
    p50Hours: 11,
    p90Hours: 18,
    complaints: 2,
    target: 0.85,
    targetMet: false,
  },
  /** The agency's own row also counts the complaint about it as a whole. */
  licensing: { decisions: 6, withinLimitShare: 0.667, complaints: 3, targetMet: false },
  // health, registration check (limit 8 h): hours 3, 5, 9.5; within 2 of 3 = 0.667;
  //   p50 5; p90 at rank 1.8 → 5 + 0.8 × 4.5 = 8.6; one complaint
  registrationCheck: {
    step: 'registration-check',
    decisions: 3,
    approved: 2,
    refused: 1,
    tacitApprovals: 0,
    withinLimit: 2,
    withinLimitShare: 0.667,
    p50Hours: 5,
    p90Hours: 8.6,
    complaints: 1,
    target: 0.85,
    targetMet: false,
  },
};
