import path from 'node:path';
import { whatIfOf, type SimulatorOptions } from '../cli/options';
import { repoRoot } from '../compare/isolated-platform';
import { columnOf, runIsolated } from '../compare/isolated-run';
import { formatTrsTables } from '../report/trs-table';
import { writeReport } from '../run-modes';
import { runBlPrefix, type Log } from '../run-support';
import { describeChanges } from './changes';
import { loadScenario } from '../scenario/scenario-file';
import { describeWhatIf } from './limits-what-if';

/**
 * --limits / --limit: the scenario on a platform of its own as it is, then on another whose services
 * run with the changed limits, the same traffic (same seed, same B/L numbers) through both; prints the two TRS tables
 * side by side with the tacit approvals and the limits the services applied, and writes the report.
 */
export async function runWhatIf(options: SimulatorOptions, log: Log): Promise<void> {
  const { scenario, file } = loadScenario(options.scenario);
  const whatIf = whatIfOf(options)!;
  // the same B/L numbers on both platforms: the same traffic and the same random inspections
  const blPrefix = runBlPrefix();
  const asIs = await runIsolated(scenario, file, options, log, { blPrefix });
  const asIsColumn = columnOf(asIs, `${scenario.name} as is`);
  // each table as soon as it is measured: a what-if cut short still reports its first half
  log(`\n${formatTrsTables([asIsColumn])}\n`);
  const changed = await runIsolated(scenario, file, options, log, { whatIf, blPrefix });
  const columns = [asIsColumn, columnOf(changed, describeWhatIf(whatIf))];
  log(`\n${formatTrsTables(columns)}\n`);
  describeChanges(scenario.name, whatIf, changed.changes).forEach((line) => log(line));
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const fallback = path.join(repoRoot(), '.local', 'reports', `simulator-whatif-${stamp}.json`);
  writeReport(options, [asIs, changed], columns, log, fallback);
}
