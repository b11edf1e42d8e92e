/**
 * Steps the simulator could not take, counted by reason and logged (the first time each reason
 * appears and then every 25th time), never hidden: a missing endpoint of a service not merged yet, a
 * refusal the traffic did not expect, a broken connection. The summary goes out with every report.
 */
export class Incidents {
  private readonly counts = new Map<string, { count: number; lastDetail: string }>();

  constructor(private readonly log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {}

  record(reason: string, detail = ''): void {
    const entry = this.counts.get(reason) ?? { count: 0, lastDetail: '' };
    entry.count += 1;
    entry.lastDetail = detail;
    this.counts.set(reason, entry);
    if (entry.count === 1 || entry.count % 25 === 0) {
      this.log(`[simulator] ${reason} (${entry.count}x)${detail ? `: ${detail}` : ''}`);
    }
  }

  count(reason?: string): number {
    if (reason !== undefined) return this.counts.get(reason)?.count ?? 0;
    return [...this.counts.values()].reduce((sum, e) => sum + e.count, 0);
  }

  summary(): { reason: string; count: number; lastDetail: string }[] {
    return [...this.counts].map(([reason, e]) => ({ reason, ...e })).sort((a, b) => b.count - a.count);
  }

  /** Lines for a report: 'none' or one line per reason. */
  describe(): string[] {
    const rows = this.summary();
    if (rows.length === 0) return ['steps skipped or refused unexpectedly: none'];
    return [
      'steps skipped or refused unexpectedly (counted, not hidden):',
      ...rows.map(
        (r) =>
          `  ${String(r.count).padStart(5)}  ${r.reason}${r.lastDetail ? ` — last: ${r.lastDetail}` : ''}`,
      ),
    ];
  }
}
