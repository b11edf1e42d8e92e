import type { Principal } from '@tongguan/auth';

/**
 * Who may do what with a vessel call, as a pure rule. A call and its manifest belong to the carrier or
 * terminal (port) party that announced it (the party claim of its token): only that party files,
 * amends or withdraws its manifest lines. The terminal operator (role port) sees every call, since it
 * records arrivals and discharges of every vessel at its quay; customs and operations read every call;
 * a carrier sees only its own, so another carrier's call is "not found" (its existence does not leak).
 */
export type CallAccess = 'owner' | 'reader' | 'none';

export function accessTo(
  call: { ownerPartyId?: string },
  who: Pick<Principal, 'role' | 'party'>,
): CallAccess {
  const owns = call.ownerPartyId !== undefined && call.ownerPartyId === who.party;
  switch (who.role) {
    case 'carrier':
      return owns ? 'owner' : 'none';
    case 'port':
      return owns ? 'owner' : 'reader';
    case 'customs':
    case 'ops':
      return 'reader';
    case 'importer':
    case 'exporter':
    case 'inspection':
    case 'agency':
    case 'supervisor':
      return 'none';
  }
}

/** The party whose calls alone a reader may list; undefined: every call. */
export function listScopeOf(who: Pick<Principal, 'role' | 'party'>): string | undefined {
  return who.role === 'carrier' ? who.party : undefined;
}
