/** What happened to the simulated traffic, counted by kind (what the people did and saw). */
export class Outcomes {
  private readonly counts = new Map<string, number>();

  add(what: string, times = 1): void {
    if (times <= 0) return;
    this.counts.set(what, (this.counts.get(what) ?? 0) + times);
  }

  count(what: string): number {
    return this.counts.get(what) ?? 0;
  }

  entries(): [string, number][] {
    return [...this.counts].sort((a, b) => a[0].localeCompare(b[0]));
  }
}
