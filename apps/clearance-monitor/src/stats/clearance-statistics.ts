import { HOUR_MS } from '@tongguan/clock';
import { clearanceHours, roundHours, type Stamps } from '../timelines/timeline';

export interface MeasuredShipment {
  stamps: Stamps;
  channel: string | null;
  greenChannel: boolean;
}

/** Where the hours go, stage by stage (each from the stamp that lets it start to the one that ends it). */
const STAGES: Record<string, [from: keyof Stamps, to: keyof Stamps]> = {
  arrivalToLodgement: ['arrival', 'lodged'],
  lodgementToAcceptance: ['lodged', 'accepted'],
  acceptanceToRisk: ['accepted', 'riskAssessed'],
  riskToInspection: ['riskAssessed', 'inspected'],
  acceptanceToPayment: ['accepted', 'paid'],
  releaseToGateOut: ['released', 'gateOut'],
};

export interface Summary {
  count: number;
  meanHours: number | null;
  p50Hours: number | null;
  p90Hours: number | null;
  p99Hours: number | null;
  withinTargetRatio: number | null;
}

/** Percentile with linear interpolation between closest ranks (the "R-7" definition of spreadsheets). */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export function summarise(hours: number[], targetHours: number): Summary {
  const sorted = [...hours].sort((a, b) => a - b);
  const count = sorted.length;
  return {
    count,
    meanHours: count ? roundHours(sorted.reduce((a, b) => a + b, 0) / count) : null,
    p50Hours: roundHours(percentile(sorted, 50)),
    p90Hours: roundHours(percentile(sorted, 90)),
    p99Hours: roundHours(percentile(sorted, 99)),
    withinTargetRatio: count ? roundHours(sorted.filter((h) => h <= targetHours).length / count) : null,
  };
}

/** The Time Release Study aggregate over released shipments. */
export function clearanceStatistics(shipments: MeasuredShipment[], targetHours: number) {
  const measured = shipments
    .map((s) => ({ ...s, hours: clearanceHours(s.stamps) }))
    .filter((s): s is typeof s & { hours: number } => s.hours !== null);
  const byStage = Object.fromEntries(
    Object.entries(STAGES).map(([stage, [from, to]]) => {
      const durations = measured
        .filter((s) => s.stamps[from] && s.stamps[to])
        .map((s) => Math.max(0, (Date.parse(s.stamps[to]!) - Date.parse(s.stamps[from]!)) / HOUR_MS));
      const { count, meanHours, p50Hours, p90Hours } = summarise(durations, targetHours);
      return [stage, { count, meanHours, p50Hours, p90Hours }];
    }),
  );
  const groups = (key: (s: (typeof measured)[number]) => string) => {
    const map = new Map<string, number[]>();
    for (const s of measured) map.set(key(s), [...(map.get(key(s)) ?? []), s.hours]);
    return Object.fromEntries([...map].map(([k, hours]) => [k, summarise(hours, targetHours)]));
  };
  return {
    ...summarise(
      measured.map((s) => s.hours),
      targetHours,
    ),
    targetHours,
    byStage,
    byChannel: groups((s) => s.channel ?? 'UNASSESSED'),
    byGreenChannel: groups((s) => (s.greenChannel ? 'green' : 'standard')),
  };
}
