import {
  audienceOf,
  NO_PARTIES,
  sortedParties,
  type Claim,
  type PartiesState,
  type Reading,
  type Renaming,
} from './event-claims';

/**
 * An event of the shipment the feeds logged for traders, kept so that a party learnt later receives
 * it too. `given`: the parties it went to so far; absent for an event registered since the last naming,
 * whose parties are then those of the state before the next one (nothing changes them in between).
 */
export interface HeardEvent {
  id: string;
  claim: Claim;
  given?: string[];
}

/** Copies of an earlier event owed to parties learnt after it was logged. */
export interface OwedReplay {
  id: string;
  parties: string[];
}

/** The stored aggregate, keyed by shipmentId. */
export interface ShipmentPartiesRecord extends PartiesState {
  _id: string;
  heard: HeardEvent[];
  owed: OwedReplay[];
  revision?: number;
}

/** The earlier events a shipment keeps for late parties (a shipment has a few dozen). */
export const MAX_HEARD = 200;

export interface NamingDecision {
  /** The parties the naming event itself goes to: those before it and those after it. */
  audience: string[];
  /** The record to save; null when this event was decided before (a redelivery). */
  next: Omit<ShipmentPartiesRecord, '_id' | 'revision'> | null;
  /** Replays of earlier events to parties this event added. */
  replays: OwedReplay[];
}

/**
 * An event that names a shipment's parties: the new state, and every earlier event owed to a party it
 * adds (the parties each already had are settled first, from the state before: nothing changed them
 * since the last naming).
 */
export function decideNaming(
  current: ShipmentPartiesRecord | null,
  id: string,
  reading: Reading & { renaming: Renaming },
): NamingDecision {
  const before: PartiesState = {
    consignee: current?.consignee ?? NO_PARTIES.consignee,
    declarations: current?.declarations ?? NO_PARTIES.declarations,
  };
  const heard = firstOfEach(current?.heard ?? []);
  const decided = heard.find((h) => h.id === id && h.given);
  if (decided?.given) return { audience: decided.given, next: null, replays: [] };
  const after = reading.renaming(before);
  const audience = union(audienceOf(before, reading.claim), audienceOf(after, reading.claim));
  const replays: OwedReplay[] = [];
  const settled = heard
    .filter((h) => h.id !== id)
    .map((h) => {
      const given = h.given ?? audienceOf(before, h.claim);
      const added = audienceOf(after, h.claim).filter((p) => !given.includes(p));
      if (added.length > 0) replays.push({ id: h.id, parties: added });
      return { ...h, given: union(given, added) };
    });
  return {
    audience,
    replays,
    next: {
      consignee: after.consignee,
      declarations: after.declarations,
      heard: [...settled, { id, claim: reading.claim, given: audience }].slice(-MAX_HEARD),
      owed: mergeOwed(current?.owed ?? [], replays),
    },
  };
}

/** The owed replays with these copies taken off (they are in the log now). */
export function withoutDelivered(
  owed: readonly OwedReplay[],
  delivered: readonly OwedReplay[],
): OwedReplay[] {
  return owed.flatMap((o) => {
    const done = delivered.filter((d) => d.id === o.id).flatMap((d) => d.parties);
    const parties = o.parties.filter((p) => !done.includes(p));
    return parties.length > 0 ? [{ id: o.id, parties }] : [];
  });
}

function mergeOwed(owed: readonly OwedReplay[], more: readonly OwedReplay[]): OwedReplay[] {
  const byId = new Map(owed.map((o) => [o.id, o.parties]));
  for (const o of more) byId.set(o.id, union(byId.get(o.id) ?? [], o.parties));
  return [...byId].map(([id, parties]) => ({ id, parties }));
}

/** A redelivered event may be registered twice; its first registration counts. */
function firstOfEach(heard: readonly HeardEvent[]): HeardEvent[] {
  const byId = new Map<string, HeardEvent>();
  for (const h of heard) if (!byId.has(h.id)) byId.set(h.id, h);
  return [...byId.values()];
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return sortedParties([...a, ...b]);
}
