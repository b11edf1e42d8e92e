/** Complaints filed in a window about one agency step (step null: about the agency as a whole). */
export interface ComplaintCount {
  agency: string;
  step: string | null;
  filed: number;
  /** Of those filed, how many have escalated (their limit passed unanswered) so far. */
  escalated: number;
}

/** Groups filed complaints by agency and step, ordered by agency then step (the agency as a whole first). */
export function countByAgencyStep(
  complaints: readonly { agency: string; step?: string | null; escalated?: boolean }[],
): ComplaintCount[] {
  const counts = new Map<string, ComplaintCount>();
  for (const { agency, step = null, escalated } of complaints) {
    const key = JSON.stringify([agency, step]);
    const count = counts.get(key) ?? { agency, step, filed: 0, escalated: 0 };
    count.filed += 1;
    if (escalated) count.escalated += 1;
    counts.set(key, count);
  }
  return [...counts.values()].sort(
    (a, b) => compare(a.agency, b.agency) || compare(a.step ?? '', b.step ?? ''),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
