import fs from 'node:fs';
import type { Scenario } from '../scenario/scenario';
import type { VesselCallPlan } from './traffic-plan';

/** One line of a recording (JSON lines): the run, its vessel calls with their shipments, its result. */
export type RecordLine =
  | { kind: 'run'; scenario: Scenario; blPrefix: string; clockEpoch: string; clockSpeed: number }
  | { kind: 'vessel-call'; call: VesselCallPlan }
  | { kind: 'result'; stats: unknown };

/** Writes the generated traffic as it is drawn (arrivals, filings, service times), one JSON line each. */
export class Recorder {
  constructor(private readonly file: string) {
    fs.writeFileSync(file, '');
  }

  private write(line: RecordLine): void {
    fs.appendFileSync(this.file, `${JSON.stringify(line)}\n`);
  }

  run(scenario: Scenario, blPrefix: string, clockEpoch: string, clockSpeed: number): void {
    this.write({ kind: 'run', scenario, blPrefix, clockEpoch, clockSpeed });
  }

  vesselCall(call: VesselCallPlan): void {
    this.write({ kind: 'vessel-call', call });
  }

  result(stats: unknown): void {
    this.write({ kind: 'result', stats });
  }
}

export interface Recording {
  scenario: Scenario;
  blPrefix: string;
  clockEpoch: string;
  clockSpeed: number;
  calls: VesselCallPlan[];
  stats: unknown;
}

/** Reads a recording; names the line of any problem. */
export function readRecording(file: string): Recording {
  const lines = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  let run: Extract<RecordLine, { kind: 'run' }> | undefined;
  const calls: VesselCallPlan[] = [];
  let stats: unknown = null;
  lines.forEach((text, i) => {
    let line: RecordLine;
    try {
      line = JSON.parse(text) as RecordLine;
    } catch (error) {
      throw new Error(`${file}:${i + 1}: not JSON (${(error as Error).message})`);
    }
    if (line.kind === 'run') run = line;
    else if (line.kind === 'vessel-call') calls.push(line.call);
    else if (line.kind === 'result') stats = line.stats;
    else throw new Error(`${file}:${i + 1}: unknown line kind ${String((line as { kind?: unknown }).kind)}`);
  });
  if (!run) throw new Error(`${file}: no "run" line: not a simulator recording`);
  return { ...run, calls, stats };
}

/** The recorded calls with the B/L numbers moved to a new prefix (a replay must not reuse B/Ls). */
export function withBlPrefix(calls: VesselCallPlan[], from: string, to: string): VesselCallPlan[] {
  const moved = <T extends { blNumber: string }>(s: T): T => ({
    ...s,
    blNumber: s.blNumber.startsWith(from) ? `${to}${s.blNumber.slice(from.length)}` : s.blNumber,
  });
  return calls.map((call) => ({
    ...call,
    shipments: call.shipments.map(moved),
    ...(call.exports ? { exports: call.exports.map(moved) } : {}),
  }));
}
