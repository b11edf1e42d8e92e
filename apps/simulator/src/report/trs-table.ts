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
  /** Imports and exports apart (monitors before exports have none: all is import then). */
  byDirection?: {
    import: DirectionSummary;
    export: DirectionSummary & { departure?: DirectionSummary };
  };
}

/** The monitor's summary of one direction's released shipments. */
export interface DirectionSummary {
  count: number;
  meanHours: number | null;
  p50Hours: number | null;
  p90Hours: number | null;
  withinTargetRatio?: number | null;
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

type Rows = [string, ...string[]][];

const targetOf = (columns: TableColumn[]) =>
  columns.find((c) => c.stats?.targetHours !== undefined)?.stats?.targetHours ?? 20;

/** Whether any column's traffic had exports the monitor measured. */
export function hasExports(columns: TableColumn[]): boolean {
  return columns.some((c) => (c.stats?.byDirection?.export.count ?? 0) > 0);
}

/** The import table, then the export table when exports are in the traffic: what the commands print. */
export function formatTrsTables(columns: TableColumn[]): string {
  return hasExports(columns)
    ? `${formatTrsTable(columns)}\n\n${formatExportTrsTable(columns)}`
    : formatTrsTable(columns);
}

/**
 * The imports' Time Release Study table, one column per run: released count, mean, p50, p90 clearance
 * hours and the share within the target (of imports, when the monitor splits by direction), the
 * channels and the stage breakdown (mean / p50 / p90 hours; both directions, as the monitor gives them),
 * the tacit approvals per agency step and the limits the services applied (ordinary / green channel).
 */
export function formatTrsTable(columns: TableColumn[]): string {
  const target = targetOf(columns);
  const both = hasExports(columns) ? ' (both directions)' : '';
  const rows: Rows = [];
  const row = (label: string, cell: (s: ClearanceStats) => string) =>
    rows.push([label, ...columns.map((c) => (c.stats ? cell(c.stats) : 'n/a'))]);
  const imports = (s: ClearanceStats): DirectionSummary => s.byDirection?.import ?? s;
  row('shipments released', (s) => String(imports(s).count));
  row('clearance mean (h)', (s) => hours(imports(s).meanHours));
  row('clearance p50 (h)', (s) => hours(imports(s).p50Hours));
  row('clearance p90 (h)', (s) => hours(imports(s).p90Hours));
  row(`within ${target} h`, (s) => share(imports(s).withinTargetRatio));
  row(`channels G/Y/R${both}`, (s) =>
    ['GREEN', 'YELLOW', 'RED'].map((c) => s.byChannel?.[c]?.count ?? 0).join('/'),
  );
  const stages = stageNames(columns);
  if (stages.length > 0) {
    rows.push([`stage${both}: mean / p50 / p90 (h)`, ...columns.map(() => '')]);
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
  const title = hasExports(columns)
    ? 'Time Release Study: imports (release − arrival)'
    : 'Time Release Study (release − arrival)';
  return layout(title, columns, rows);
}

/**
 * The exports' table: released for loading (gate-in → release for loading, the TRS clearance of an
 * export) and departed (gate-in → departure), count, mean, p50, p90 and the share within the target.
 */
export function formatExportTrsTable(columns: TableColumn[]): string {
  const target = targetOf(columns);
  const rows: Rows = [];
  const row = (label: string, cell: (s: NonNullable<ClearanceStats['byDirection']>['export']) => string) =>
    rows.push([
      label,
      ...columns.map((c) => (c.stats?.byDirection ? cell(c.stats.byDirection.export) : 'n/a')),
    ]);
  row('released for loading', (s) => String(s.count));
  row('clearance mean (h)', (s) => hours(s.meanHours));
  row('clearance p50 (h)', (s) => hours(s.p50Hours));
  row('clearance p90 (h)', (s) => hours(s.p90Hours));
  row(`within ${target} h`, (s) => share(s.withinTargetRatio));
  row('departed (goods exited)', (s) => String(s.departure?.count ?? 0));
  row('gate-in → departure mean (h)', (s) => hours(s.departure?.meanHours));
  row('gate-in → departure p50 (h)', (s) => hours(s.departure?.p50Hours));
  row('gate-in → departure p90 (h)', (s) => hours(s.departure?.p90Hours));
  return layout('Time Release Study: exports (release for loading − gate-in)', columns, rows);
}

function layout(title: string, columns: TableColumn[], rows: Rows): string {
  const header: [string, ...string[]] = [title, ...columns.map((c) => c.label)];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function decisionRows(columns: TableColumn[], rows: Rows): void {
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
