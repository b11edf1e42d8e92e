import fs from 'node:fs';
import path from 'node:path';
import type { SimulatorOptions } from '../cli/options';
import type { ParameterChange } from '../whatif/limits-what-if';
import { formatExportTrsTable, formatTrsTable, hasExports, type TableColumn } from './trs-table';

/** One column of a report and, when it was run now, what the run saw besides the monitor's figures. */
export interface ReportColumn {
  column: TableColumn;
  run?: {
    changes: ParameterChange[];
    simulation: {
      planned: number;
      finished: number;
      outcomes: { entries(): [string, number][] };
      incidents: { summary(): { reason: string; count: number; lastDetail: string }[] };
    };
  };
}

/**
 * Writes a run's report as JSON: the command line, each column's monitor statistics, tacit approvals
 * and limits applied, what the what-if changed (with sources), what the simulated people did, the
 * incidents, and the table as printed. Returns the absolute path written.
 */
export function writeRunReport(
  file: string,
  options: SimulatorOptions,
  columns: ReportColumn[],
  table: string,
  now = new Date(),
): string {
  const report = {
    kind: 'tongguan-simulator-report',
    version: 1,
    writtenAt: now.toISOString(),
    options,
    columns: columns.map(({ column, run }) => ({
      label: column.label,
      stats: column.stats,
      agencyDecisions: column.decisions ?? null,
      ...(run
        ? {
            changes: run.changes,
            planned: run.simulation.planned,
            finished: run.simulation.finished,
            outcomes: Object.fromEntries(run.simulation.outcomes.entries()),
            incidents: run.simulation.incidents.summary(),
          }
        : {}),
    })),
    table: table.split('\n'),
    // each direction's table on its own (export: null when the traffic had none)
    tables: {
      import: formatTrsTable(columns.map((c) => c.column)).split('\n'),
      export: hasExports(columns.map((c) => c.column))
        ? formatExportTrsTable(columns.map((c) => c.column)).split('\n')
        : null,
    },
  };
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, `${JSON.stringify(report, null, 2)}\n`);
  return target;
}
