import type { AgencyDecisions, LimitsApplied } from './agency-decisions';

/** The part of GET /v1/stats/clearance the table reads (the monitor computes every figure). */
export interface ClearanceStats {
  count: number;
  targetHours?: number;
  meanHours: number | null;
  p50Hours: number | null;
  p90Hours: number | null;
  withinTargetRatio: number | null;
  byStage?: Record<
    string,
    { count: number; meanHours: number | null; p50Hours: number | null; p90Hours: number | null }
  >;
  byChannel?: Record<string, { count: number }>;
}

export interface TableColumn {
  label: string;
  /** null when the monitor could not be read; the cell then says so. */
  stats: ClearanceStats | null;
  /** Counted from the run's events; absent for a recorded column (its cells say n/a). */
  decisions?: AgencyDecisions;
}

/** The TRS stages in pipeline order (monitor API); stages a monitor names otherwise follow in its order. */
const STAGE_ORDER = ['filing', 'risk', 'inspection', 'payment', 'release'];

const hours = (h: number | null | undefined) => (h === null || h === undefined ? '—' : h.toFixed(1));
const share = (r: number | null | undefined) =>
  r === null || r === undefined ? '—' : `${Math.round(r * 100)}%`;

/**
 * A Time Release Study table, one column per run: released count, mean, p50, p90 clearance hours,
 * the share within the target, the channels, the stage breakdown (mean / p50 / p90 hours), the tacit
 * approvals per agency step and the limits the services applied (ordinary / green channel).
 */
export function formatTrsTable(columns: TableColumn[]): string {
  const target = columns.find((c) => c.stats?.targetHours !== undefined)?.stats?.targetHours ?? 20;
  const rows: [string, ...string[]][] = [];
  const row = (label: string, cell: (s: ClearanceStats) => string) =>
    rows.push([label, ...columns.map((c) => (c.stats ? cell(c.stats) : 'n/a'))]);
  row('shipments released', (s) => String(s.count));
  row('clearance mean (h)', (s) => hours(s.meanHours));
  row('clearance p50 (h)', (s) => hours(s.p50Hours));
  row('clearance p90 (h)', (s) => hours(s.p90Hours));
  row(`within ${target} h`, (s) => share(s.withinTargetRatio));
  row('channels G/Y/R', (s) => ['GREEN', 'YELLOW', 'RED'].map((c) => s.byChannel?.[c]?.count ?? 0).join('/'));
  const stages = stageNames(columns);
  if (stages.length > 0) {
    rows.push(['stage: mean / p50 / p90 (h)', ...columns.map(() => '')]);
    for (const stage of stages) {
      row(`  ${stage}`, (s) => {
        const st = s.byStage?.[stage];
        return st && st.count > 0
          ? `${hours(st.meanHours)} / ${hours(st.p50Hours)} / ${hours(st.p90Hours)}`
          : '—';
      });
    }
  }
  decisionRows(columns, rows);
  const header: [string, ...string[]] = [
    'Time Release Study (release − arrival)',
    ...columns.map((c) => c.label),
  ];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function decisionRows(columns: TableColumn[], rows: [string, ...string[]][]): void {
  if (!columns.some((c) => c.decisions)) return;
  const cells = (cell: (d: AgencyDecisions) => string) =>
    columns.map((c) => (c.decisions ? cell(c.decisions) : 'n/a'));
  rows.push(['tacit approvals (deemed approved)', ...cells((d) => String(d.tacitApprovals.total))]);
  const deemedSteps = unionOfKeys(columns.map((c) => c.decisions?.tacitApprovals.byStep));
  for (const step of deemedSteps) {
    rows.push([`  ${step}`, ...cells((d) => String(d.tacitApprovals.byStep[step] ?? 0))]);
  }
  const limitSteps = unionOfKeys(columns.map((c) => c.decisions?.limitsApplied));
  if (limitSteps.length === 0) return;
  rows.push(['limits applied (h): ordinary / green', ...columns.map(() => '')]);
  for (const step of limitSteps) {
    rows.push([`  ${step}`, ...cells((d) => limitsCell(d.limitsApplied[step]))]);
  }
}

function limitsCell(applied: LimitsApplied | undefined): string {
  if (!applied) return '—';
  const list = (values: number[]) => (values.length === 0 ? '—' : values.join(','));
  return `${list(applied.ordinary)} / ${list(applied.green)}`;
}

function unionOfKeys(records: (Record<string, unknown> | undefined)[]): string[] {
  return [...new Set(records.flatMap((r) => Object.keys(r ?? {})))].sort();
}

function stageNames(columns: TableColumn[]): string[] {
  const seen: string[] = [];
  for (const c of columns)
    for (const stage of Object.keys(c.stats?.byStage ?? {})) if (!seen.includes(stage)) seen.push(stage);
  const known = STAGE_ORDER.filter((s) => seen.includes(s));
  return [...known, ...seen.filter((s) => !STAGE_ORDER.includes(s))];
}
