import type { Direction } from '@tongguan/contracts';
import { clearanceHours, departureHours, roundHours } from '../timelines/timeline';
import {
  AGENCY_OF_STAGE,
  STAGES,
  stageHours,
  traderHours,
  type ProgressFacts,
  type Stage,
} from '../timelines/shipment-progress';

export interface MeasuredShipment extends ProgressFacts {
  greenChannel: boolean;
  /** Absent on timelines folded before exports existed: imports. */
  direction?: Direction;
}

export interface Summary {
  count: number;
  meanHours: number | null;
  p50Hours: number | null;
  p90Hours: number | null;
  p99Hours: number | null;
  withinTargetRatio: number | null;
}

export type StageSummary = Pick<Summary, 'count' | 'meanHours' | 'p50Hours' | 'p90Hours'>;

/** byStage's entries: the agencies' stages, and the time the shipments waited for the trader. */
export type StageOrTrader = Stage | 'trader';

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

/**
 * The stage that took the most hours of a released shipment (pipeline order breaks ties, the trader's
 * waits last): its agency is the one that held the shipment longest, so byAgency shows which agency the
 * slow shipments waited on; the trader's waits count for the importer.
 */
export function bottleneckStage(facts: ProgressFacts): StageOrTrader | null {
  const hours: Partial<Record<StageOrTrader, number>> = stageHours(facts);
  const trader = traderHours(facts);
  if (trader !== null) hours.trader = trader;
  let worst: StageOrTrader | null = null;
  for (const stage of [...STAGES, 'trader'] as const) {
    const h = hours[stage];
    if (h !== undefined && (worst === null || h > hours[worst]!)) worst = stage;
  }
  return worst;
}

const AGENCY_OF: Record<StageOrTrader, string> = { ...AGENCY_OF_STAGE, trader: 'importer' };

function splitBy<T>(items: T[], key: (item: T) => string, hours: (item: T) => number, targetHours: number) {
  const groups = new Map<string, number[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), hours(item)]);
  }
  return Object.fromEntries(
    [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, h]) => [k, summarise(h, targetHours)]),
  );
}

/**
 * The Time Release Study aggregate over released shipments: clearance = release − arrival, the hours
 * of each stage (less the waits for the trader) and of the waits for the trader (byStage.trader), and
 * the same summary split by risk channel, green channel, bottleneck agency and release day (UTC).
 * Shipments without both arrival and release are not measured.
 */
export function clearanceStatistics(shipments: MeasuredShipment[], targetHours: number) {
  const measured = shipments
    .map((s) => ({ ...s, hours: clearanceHours(s.stamps) }))
    .filter((s): s is typeof s & { hours: number } => s.hours !== null);
  const stageDurations = measured.map((s) => stageHours(s));
  const stageSummary = (durations: (number | null | undefined)[]): StageSummary => {
    const measuredHours = durations.filter((h): h is number => h !== undefined && h !== null);
    const { count, meanHours, p50Hours, p90Hours } = summarise(measuredHours, targetHours);
    return { count, meanHours, p50Hours, p90Hours };
  };
  const byStage = Object.fromEntries([
    ...STAGES.map((stage): [Stage, StageSummary] => [
      stage,
      stageSummary(stageDurations.map((d) => d[stage])),
    ]),
    ['trader', stageSummary(measured.map(traderHours))],
  ]) as Record<StageOrTrader, StageSummary>;
  const hours = (s: (typeof measured)[number]) => s.hours;
  return {
    ...summarise(measured.map(hours), targetHours),
    targetHours,
    byStage,
    byChannel: splitBy(measured, (s) => s.channel ?? 'UNASSESSED', hours, targetHours),
    byGreenChannel: splitBy(measured, (s) => (s.greenChannel ? 'green' : 'standard'), hours, targetHours),
    byAgency: splitBy(
      measured,
      (s) => {
        const stage = bottleneckStage(s);
        return stage ? AGENCY_OF[stage] : 'unknown';
      },
      hours,
      targetHours,
    ),
    byDay: splitBy(measured, (s) => s.stamps.released!.slice(0, 10), hours, targetHours),
    byDirection: byDirection(measured, targetHours),
  };
}

/**
 * Imports and exports side by side, both always present: clearance (import arrival → release; export
 * arrival of the goods at the port → release for loading) and, for exports, arrival → departure.
 */
export function byDirection(
  measured: readonly (MeasuredShipment & { hours: number })[],
  targetHours: number,
) {
  const of = (direction: Direction) => measured.filter((s) => (s.direction ?? 'import') === direction);
  const exported = of('export');
  const departed = exported.map((s) => departureHours(s.stamps)).filter((h): h is number => h !== null);
  return {
    import: summarise(
      of('import').map((s) => s.hours),
      targetHours,
    ),
    export: {
      ...summarise(
        exported.map((s) => s.hours),
        targetHours,
      ),
      departure: summarise(departed, targetHours),
    },
  };
}

export interface SeriesBucket {
  start: string;
  count: number;
  p50Hours: number | null;
  p90Hours: number | null;
}

/** Released shipments bucketed by release time over [fromMs, toMs): clearance time over the day. */
export function clearanceSeries(
  shipments: ProgressFacts[],
  fromMs: number,
  toMs: number,
  bucketMinutes: number,
): SeriesBucket[] {
  const width = bucketMinutes * 60_000;
  const buckets: number[][] = Array.from({ length: Math.ceil((toMs - fromMs) / width) }, () => []);
  for (const s of shipments) {
    const hours = clearanceHours(s.stamps);
    if (hours === null) continue;
    const index = Math.floor((Date.parse(s.stamps.released!) - fromMs) / width);
    if (index >= 0 && index < buckets.length) buckets[index].push(hours);
  }
  return buckets.map((hours, i) => {
    const sorted = hours.sort((a, b) => a - b);
    return {
      start: new Date(fromMs + i * width).toISOString(),
      count: sorted.length,
      p50Hours: roundHours(percentile(sorted, 50)),
      p90Hours: roundHours(percentile(sorted, 90)),
    };
  });
}
