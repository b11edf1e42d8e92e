import { isDeepStrictEqual } from 'node:util';
import { stageSampleOf, type StageSample } from '../prediction/completion-prediction';
import type { TimelineFacts } from './timeline';

type FlightFacts = Pick<TimelineFacts, 'stamps' | 'withdrawn'>;

/**
 * Arrived, not released, not withdrawn: the clearance clock is running. A release or a withdrawal is
 * never undone (stamps only move earlier, withdrawn is never unset), so a shipment that leaves flight
 * never flies again.
 */
export function isInFlight(facts: FlightFacts): boolean {
  return facts.stamps.arrival !== null && facts.stamps.released === null && !facts.withdrawn;
}

/** A released shipment's stage hours, dated by its release: one sample of the stage-time medians. */
export type ReleaseSample = StageSample & { releasedAt: Date };

/** What one fold changes in the sets the monitor's periodic jobs read instead of every timeline. */
export interface OpenSetChanges {
  /** In flight from this fold on, or its arrival moved: the entry to write before the timeline. */
  flies: { arrivedAt: Date } | null;
  /** Left flight with this fold, for good: its entry goes after the timeline is written. */
  lands: boolean;
  /** Released, with stage hours or channel new or changed: written before the timeline. */
  sample: ReleaseSample | null;
}

export function openSetChanges(before: TimelineFacts, after: TimelineFacts): OpenSetChanges {
  const flies =
    isInFlight(after) && (!isInFlight(before) || before.stamps.arrival !== after.stamps.arrival)
      ? { arrivedAt: new Date(after.stamps.arrival!) }
      : null;
  return { flies, lands: isInFlight(before) && !isInFlight(after), sample: sampleOf(before, after) };
}

function sampleOf(before: TimelineFacts, after: TimelineFacts): ReleaseSample | null {
  if (after.stamps.released === null) return null;
  const sample = stageSampleOf(after);
  const same = before.stamps.released === after.stamps.released;
  if (same && isDeepStrictEqual(stageSampleOf(before), sample)) return null;
  return { ...sample, releasedAt: new Date(after.stamps.released) };
}
