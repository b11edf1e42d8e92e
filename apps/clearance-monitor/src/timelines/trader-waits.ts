import { HOUR_MS } from '@tongguan/clock';

/**
 * What a shipment waited for the trader on: a notice to answer (DocumentsRequested → the
 * DocumentsSubmitted naming its request) or a payment to settle (PaymentRequested → PaymentSettled).
 */
export const TRADER_WAIT_KINDS = ['notice', 'payment'] as const;
export type TraderWaitKind = (typeof TRADER_WAIT_KINDS)[number];

/** One wait for the trader, keyed by its request; either end may be folded first (RFC 3339 or null). */
export interface TraderWait {
  kind: TraderWaitKind;
  /** The request it waits on: the requestId of a notice, the paymentId of a payment. */
  id: string;
  requestedAt: string | null;
  answeredAt: string | null;
}

export type WaitEnd = 'requestedAt' | 'answeredAt';

/**
 * The waits with one end of one request set: each end keeps the earliest business time seen, and the
 * list stays sorted by kind and id, so the result is the same whatever order events arrive in.
 */
export function withWaitEnd(
  waits: readonly TraderWait[],
  kind: TraderWaitKind,
  id: string,
  end: WaitEnd,
  at: string,
): TraderWait[] {
  const existing = waits.find((w) => w.kind === kind && w.id === id);
  const others = waits.filter((w) => w !== existing);
  const wait = existing ? { ...existing } : { kind, id, requestedAt: null, answeredAt: null };
  if (wait[end] === null || at < wait[end]) wait[end] = at;
  return [...others, wait].sort((a, b) =>
    a.kind !== b.kind ? (a.kind < b.kind ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}

type Interval = [number, number];

/**
 * The spans of the given kinds of waits as [start, end] ms. A wait still open (no answer folded yet)
 * runs to `openUntilMs`: the trader was asked and has not answered, so the time since is the trader's.
 * A wait whose request was never seen measures nothing.
 */
export function waitIntervals(
  waits: readonly TraderWait[] | undefined,
  kinds: readonly TraderWaitKind[],
  openUntilMs: number,
): Interval[] {
  const intervals: Interval[] = [];
  for (const w of waits ?? []) {
    if (!kinds.includes(w.kind) || w.requestedAt === null) continue;
    const start = Date.parse(w.requestedAt);
    const end = w.answeredAt === null ? openUntilMs : Date.parse(w.answeredAt);
    if (end > start) intervals.push([start, end]);
  }
  return intervals;
}

/** Hours of [fromMs, toMs] covered by the intervals, overlapping waits counted once. */
export function coveredHours(intervals: readonly Interval[], fromMs: number, toMs: number): number {
  const clipped = intervals
    .map(([s, e]): Interval => [Math.max(s, fromMs), Math.min(e, toMs)])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let reached = -Infinity;
  for (const [s, e] of clipped) {
    if (e <= reached) continue;
    covered += e - Math.max(s, reached);
    reached = e;
  }
  return covered / HOUR_MS;
}

/**
 * Hours the shipment waited for the trader up to `untilMs` (its release, or now while in flight): the
 * union of every wait, a wait still open counted to `untilMs`.
 */
export function traderWaitHours(waits: readonly TraderWait[] | undefined, untilMs: number): number {
  return coveredHours(waitIntervals(waits, TRADER_WAIT_KINDS, untilMs), -Infinity, untilMs);
}

/** Whether a wait of the given kind is open (requested, not answered) at the end of what is known. */
export function waitingFor(waits: readonly TraderWait[] | undefined, kind: TraderWaitKind): boolean {
  return (waits ?? []).some((w) => w.kind === kind && w.requestedAt !== null && w.answeredAt === null);
}
