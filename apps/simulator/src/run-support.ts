import { WorkingCalendar, type WorkingCalendarSettings } from '@tongguan/clock';
import fs from 'node:fs';
import type { ApiAnswer, PlatformApi } from './platform/platform-api';
import type { ClearanceStats } from './report/trs-table';
import type { Simulation } from './simulation';

export type Log = (line: string) => void;

/** A B/L prefix of this run: the platform refuses a second active filing for a B/L. */
export function runBlPrefix(): string {
  return `SIM${Date.now().toString(36).toUpperCase().slice(-6)}`;
}

export function readCalendar(file: string): WorkingCalendar {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as WorkingCalendarSettings & Record<string, unknown>;
  const { utcOffsetMinutes, workingWeekdays, workingPeriods, holidays, makeUpWorkingDays } = raw;
  return new WorkingCalendar({
    utcOffsetMinutes,
    workingWeekdays,
    workingPeriods,
    holidays,
    makeUpWorkingDays,
  });
}

/** What a simulation did, for the report after a run. */
export function describeRun(simulation: Simulation): string[] {
  return [
    `shipments planned ${simulation.planned}, finished ${simulation.finished}`,
    'what happened:',
    ...simulation.outcomes.entries().map(([what, n]) => `  ${String(n).padStart(5)}  ${what}`),
    ...simulation.incidents.describe(),
  ];
}

/**
 * GET /v1/stats/clearance once the monitor has counted the releases the run saw. A monitor on a busy
 * machine folds events late (its stamps are the events' business times, so lateness does not bias
 * them): wait up to five real minutes.
 */
export async function readClearanceStats(
  api: PlatformApi,
  released: number,
  query = '',
): Promise<{ stats: ClearanceStats | null; answer: ApiAnswer }> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const answer = await api.call(
      'monitor',
      { role: 'ops', party: 'SIM-OPS' },
      'GET',
      `/v1/stats/clearance${query}`,
    );
    const stats = answer.status === 200 ? (answer.body as ClearanceStats) : null;
    if ((stats && stats.count >= released) || Date.now() > deadline) return { stats, answer };
    await new Promise((r) => setTimeout(r, 1_000));
  }
}
