import { openSetSchema, type OpenEntry } from '@tongguan/persistence';
import type { ScoredDecision } from './scorecard';

/**
 * The decisions of the rolling window (_id as the decision's), written with each decision, so the
 * supervision check reads the window instead of every decision ever recorded. Each read prunes what
 * fell out of the window, so the collection stays about the window's size.
 */
export type RecentDecision = OpenEntry<ScoredDecision & { decidedAt: Date }>;

export const RECENT_DECISION = 'RecentAgencyDecision';

export const RecentDecisionSchema = openSetSchema('agency_decisions_recent', {
  agency: String,
  step: String,
  outcome: String,
  withinLimit: Boolean,
  decisionHours: Number,
  decidedAt: Date,
});
