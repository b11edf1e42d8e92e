import { HOUR_MS } from '@tongguan/clock';
import { CHANNELS, type RiskChannel } from '@tongguan/contracts';
import {
  openSteps,
  STAGES,
  stageHours,
  type ProgressFacts,
  type Stage,
} from '../timelines/shipment-progress';

export type StageMedians = Record<Stage, number>;

/** Typical stage times: per risk channel, and over every channel for a shipment not yet assessed. */
export interface StageTimes {
  byChannel: Record<RiskChannel, StageMedians>;
  overall: StageMedians;
}

/** A median needs this many released shipments behind it before it replaces the fallback. */
export const MIN_SAMPLES = 5;

/**
 * Used when recent history has too few shipments: each stage's share of the target, so the default
 * scales with SLA_TARGET_HOURS (20 h target → filing 2 h, risk 1 h, inspection 5 h, payment 3 h,
 * release 1 h; GREEN has no inspection). A path through them sums to well under the target, so the
 * default alone never predicts a breach; elapsed time and real history do.
 */
export const DEFAULT_STAGE_SHARES: StageMedians = {
  filing: 0.1,
  risk: 0.05,
  inspection: 0.25,
  payment: 0.15,
  release: 0.05,
};

export function defaultStageTimes(targetHours: number): StageTimes {
  const overall = Object.fromEntries(
    STAGES.map((stage) => [stage, DEFAULT_STAGE_SHARES[stage] * targetHours]),
  ) as StageMedians;
  const byChannel = Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      channel === 'GREEN' ? { ...overall, inspection: 0 } : { ...overall },
    ]),
  ) as Record<RiskChannel, StageMedians>;
  return { byChannel, overall };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  return (sorted[Math.floor(middle)] + sorted[Math.ceil(middle)]) / 2;
}

/** What one released shipment tells the medians: its channel and the hours each finished stage took. */
export interface StageSample {
  channel: RiskChannel | null;
  hours: Partial<Record<Stage, number>>;
}

export function stageSampleOf(facts: ProgressFacts): StageSample {
  return { channel: facts.channel, hours: stageHours(facts) };
}

/**
 * Median stage times of released shipments: per channel where that channel has MIN_SAMPLES measured
 * shipments for the stage, else over all channels, else the default. GREEN never waits on inspection.
 */
export function stageTimesFrom(released: ProgressFacts[], targetHours: number): StageTimes {
  return stageTimesFromSamples(released.map(stageSampleOf), targetHours);
}

/** stageTimesFrom for samples measured beforehand (the monitor keeps them as releases are folded). */
export function stageTimesFromSamples(measured: readonly StageSample[], targetHours: number): StageTimes {
  const fallback = defaultStageTimes(targetHours);
  const medianOf = (stage: Stage, of: readonly StageSample[], otherwise: number) => {
    const values = of.map((m) => m.hours[stage]).filter((h): h is number => h !== undefined);
    return values.length >= MIN_SAMPLES ? median(values) : otherwise;
  };
  const overall = Object.fromEntries(
    STAGES.map((stage) => [stage, medianOf(stage, measured, fallback.overall[stage])]),
  ) as StageMedians;
  const byChannel = Object.fromEntries(
    CHANNELS.map((channel) => {
      const ofChannel = measured.filter((m) => m.channel === channel);
      const medians = Object.fromEntries(
        STAGES.map((stage) => [stage, medianOf(stage, ofChannel, overall[stage])]),
      ) as StageMedians;
      if (channel === 'GREEN') medians.inspection = 0;
      return [channel, medians];
    }),
  ) as Record<RiskChannel, StageMedians>;
  return { byChannel, overall };
}

export interface Prediction {
  elapsedHours: number;
  remainingHours: number;
  predictedHours: number;
}

/**
 * Predicted clearance time of a shipment in flight = elapsed + what is left of each stage not yet done:
 * its median, less the time already spent when the step is open (never below zero). Payment runs in
 * parallel with risk and inspection, so the longer of the two branches counts. Null before arrival
 * (the clearance clock has not started) and once released.
 */
export function predictCompletion(facts: ProgressFacts, nowMs: number, times: StageTimes): Prediction | null {
  const s = facts.stamps;
  if (!s.arrival || s.released) return null;
  const medians = facts.channel ? times.byChannel[facts.channel] : times.overall;
  const done: Record<Stage, boolean> = {
    filing: s.lodged !== null,
    risk: s.riskAssessed !== null,
    inspection: s.inspected !== null || facts.channel === 'GREEN',
    payment: s.paid !== null,
    release: false,
  };
  const open = new Map(openSteps(facts).map((step) => [step.stage, step.since]));
  const left = (stage: Stage): number => {
    if (done[stage]) return 0;
    const since = open.get(stage);
    if (!since) return medians[stage];
    return Math.max(0, medians[stage] - (nowMs - Date.parse(since)) / HOUR_MS);
  };
  const remainingHours =
    left('filing') + Math.max(left('risk') + left('inspection'), left('payment')) + left('release');
  const elapsedHours = Math.max(0, (nowMs - Date.parse(s.arrival)) / HOUR_MS);
  return { elapsedHours, remainingHours, predictedHours: elapsedHours + remainingHours };
}
