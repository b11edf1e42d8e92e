import { clearanceHours, roundHours, type SlaState } from '../timelines/timeline';
import { currentPosition, type ProgressFacts } from '../timelines/shipment-progress';
import { predictCompletion, type StageTimes } from './completion-prediction';

export interface SlaSettings {
  targetHours: number;
  atRiskRatio: number;
}

/** Why a shipment counts as at risk: its predicted completion passes the target, or its elapsed share does. */
export type AtRiskReason = 'prediction' | 'elapsed';

/**
 * Where a shipment stands against the target now: its stage and holding agency, hours elapsed since
 * arrival, predicted clearance hours and SLA state. Released: met or breached by its clearance time.
 * In flight: breached once elapsed passes the target; at risk when the prediction passes the target,
 * or (fallback when history misleads) elapsed reaches the at-risk share.
 */
export function assessShipment(facts: ProgressFacts, nowMs: number, times: StageTimes, sla: SlaSettings) {
  const position = currentPosition(facts);
  const clearance = clearanceHours(facts.stamps);
  const prediction = facts.withdrawn ? null : predictCompletion(facts, nowMs, times);
  let state: SlaState = 'on-track';
  let atRiskReason: AtRiskReason | null = null;
  if (clearance !== null) {
    state = clearance <= sla.targetHours ? 'met' : 'breached';
  } else if (prediction) {
    if (prediction.predictedHours > sla.targetHours) atRiskReason = 'prediction';
    else if (prediction.elapsedHours >= sla.targetHours * sla.atRiskRatio) atRiskReason = 'elapsed';
    if (prediction.elapsedHours > sla.targetHours) state = 'breached';
    else if (atRiskReason) state = 'at-risk';
  }
  return {
    stage: position.stage,
    agency: position.agency,
    openSteps: position.openSteps,
    clearanceHours: roundHours(clearance),
    elapsedHours: roundHours(clearance ?? prediction?.elapsedHours ?? null),
    predictedHours: roundHours(prediction?.predictedHours ?? null),
    sla: state,
    atRiskReason,
  };
}

export type Assessment = ReturnType<typeof assessShipment>;
