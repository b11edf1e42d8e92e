/** What happened to the simulated traffic, counted by kind (what the people did and saw). */
export class Outcomes {
  private readonly counts = new Map<string, number>();

  add(what: string): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + 1);
  }

  count(what: string): number {
    return this.counts.get(what) ?? 0;
  }

  entries(): [string, number][] {
    return [...this.counts].sort((a, b) => a[0].localeCompare(b[0]));
  }
}
