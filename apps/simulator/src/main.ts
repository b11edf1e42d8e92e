/**
 * The traffic simulator: synthetic but realistic traffic through the real services over their public
 * HTTP APIs, on the accelerated business clock. See USAGE (npm run simulate -- --help).
 */
import { parseOptions, USAGE } from './cli/options';
import { runCompare, runContinuous, runOneIsolated, runReplay } from './run-modes';

async function main(): Promise<void> {
  const { options, problems } = parseOptions(process.argv.slice(2));
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
  if (options.compare || options.replay || options.isolated) exitOnSignals();
  if (options.compare) await runCompare(options, log);
  else if (options.replay) await runReplay(options, log);
  else if (options.isolated) await runOneIsolated(options, log);
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
