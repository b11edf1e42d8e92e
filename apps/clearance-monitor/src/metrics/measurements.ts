import { clearanceHours } from '../timelines/timeline';
import {
  STAGES,
  stageHours,
  traderHours,
  type ProgressFacts,
  type Stage,
} from '../timelines/shipment-progress';

export interface Measurements {
  clearanceHours: number | null;
  stageHours: Partial<Record<Stage, number>>;
  /** Hours the shipment waited for the trader, known with its release (null: none, or not yet). */
  traderHours: number | null;
}

/**
 * What a timeline lets the monitor measure. Nothing is measured before the risk channel is known, so
 * that every observation carries its channel label (the topics are folded independently, and a
 * release may be folded before its risk decision).
 */
export function measurements(facts: ProgressFacts): Measurements {
  if (!facts.channel) return { clearanceHours: null, stageHours: {}, traderHours: null };
  return {
    clearanceHours: clearanceHours(facts.stamps),
    stageHours: stageHours(facts),
    traderHours: traderHours(facts),
  };
}

/**
 * The measurements a fold makes known for the first time: what `after` measures and `before` did not.
 * Observing only these, on the write that moved the timeline from before to after, counts each
 * shipment once however often and in whatever order its events arrive.
 */
export function newMeasurements(before: ProgressFacts, after: ProgressFacts): Measurements {
  const was = measurements(before);
  const now = measurements(after);
  const stages: Partial<Record<Stage, number>> = {};
  for (const stage of STAGES) {
    if (was.stageHours[stage] === undefined && now.stageHours[stage] !== undefined) {
      stages[stage] = now.stageHours[stage];
    }
  }
  return {
    clearanceHours: was.clearanceHours === null ? now.clearanceHours : null,
    stageHours: stages,
    traderHours: was.traderHours === null ? now.traderHours : null,
  };
}
