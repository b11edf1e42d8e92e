import { createHash } from 'node:crypto';

/** The link of a shipment's first entry: there is no previous entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** An entry before it is linked: every field of it will be covered by the hash. */
export interface Unlinked {
  eventId: string;
}

/**
 * One serialisation for one content: object keys sorted, dates as RFC 3339 UTC, undefined left out
 * (as the store leaves it out). The verify command reads entries back from the store and must get the
 * bytes the writer hashed.
 */
export function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 over the entry's canonical form, its shipment included (an entry cannot move to another trail). */
export function entryHash(shipmentId: string, entry: Unlinked & { prevHash: string }): string {
  const { hash: _ignored, ...content } = entry as Unlinked & { hash?: unknown };
  return createHash('sha256')
    .update(canonicalJson({ shipmentId, ...content }))
    .digest('hex');
}

/** The entry linked after the trail's last one (or first of a new trail), with its own hash. */
export function chainedAfter<T extends Unlinked>(
  shipmentId: string,
  last: { hash?: string } | undefined,
  entry: T,
): T & { prevHash: string; hash: string } {
  const linked = { ...entry, prevHash: last ? (last.hash ?? GENESIS_HASH) : GENESIS_HASH };
  return { ...linked, hash: entryHash(shipmentId, linked) };
}

export interface ChainBreak {
  shipmentId: string;
  /** Position in the trail (0 = first appended). */
  index: number;
  eventId: string;
  reason: string;
}

/**
 * Walks a trail in the order it was appended: each entry must link to the hash stored on the one
 * before it (the first to the genesis), and its stored hash must be the hash of what it holds now. An
 * entry changed in place breaks its own hash; one changed with its hash recomputed breaks the next
 * entry's link; one removed from the middle breaks the link of the entry after it.
 */
export function verifyChain(shipmentId: string, entries: readonly Record<string, unknown>[]): ChainBreak[] {
  const breaks: ChainBreak[] = [];
  let expectedPrev = GENESIS_HASH;
  entries.forEach((entry, index) => {
    const eventId = typeof entry.eventId === 'string' ? entry.eventId : '?';
    const report = (reason: string) => breaks.push({ shipmentId, index, eventId, reason });
    if (typeof entry.hash !== 'string' || typeof entry.prevHash !== 'string') {
      report('entry carries no hash chain (recorded before the chain existed, or stripped of it)');
    } else {
      if (entry.prevHash !== expectedPrev)
        report('link broken: prevHash is not the hash of the entry before');
      if (entryHash(shipmentId, { ...entry, eventId, prevHash: entry.prevHash }) !== entry.hash) {
        report('content changed: the entry no longer matches its hash');
      }
    }
    expectedPrev = typeof entry.hash === 'string' ? entry.hash : '';
  });
  return breaks;
}
