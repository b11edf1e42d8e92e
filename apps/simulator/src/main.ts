/**
 * The traffic simulator: synthetic but realistic traffic through the real services over their public
 * HTTP APIs, on the accelerated business clock. See USAGE (npm run simulate -- --help).
 */
import { readAgencyRegistry } from '@tongguan/agencies';
import { isLimitsWhatIf, parseOptions, USAGE } from './cli/options';
import { runCompare, runContinuous, runOneIsolated, runReplay } from './run-modes';
import { knownSteps } from './whatif/limits-what-if';
import { runWhatIf } from './whatif/run-what-if';

async function main(): Promise<void> {
  // a --limit is checked against the steps of the registry the platforms will run with
  const { options, problems } = parseOptions(
    process.argv.slice(2),
    knownSteps(readAgencyRegistry(process.env)),
  );
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const whatIf = isLimitsWhatIf(options);
  if (options.compare || options.replay || options.isolated || whatIf) exitOnSignals();
  if (options.compare) await runCompare(options, log);
  else if (options.replay) await runReplay(options, log);
  else if (options.isolated) await runOneIsolated(options, log);
  else if (whatIf) await runWhatIf(options, log);
  else await runContinuous(options, log);
}

/** Isolated platforms are stopped by the exit hook of their processes, so a signal becomes an exit. */
function exitOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    process.stderr.write(`simulator failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
