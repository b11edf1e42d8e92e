import { Events } from '@tongguan/contracts';

/** What the ownership rule reads of an entry. */
export interface OwnedEntry {
  eventId: string;
  at: Date;
  type: string;
  /** The declaration the decision was about, when its event names one. */
  declarationId?: string;
  /** The importer the decision concerned, when its event names one. */
  importerId?: string;
}

const BEFORE_ANY_DECLARATION = Symbol('before any declaration');

/**
 * The entries of a shipment's trail an importer may read. A B/L can change hands: an importer withdraws
 * its declaration and another files for the same B/L. Each importer then reads only its own part:
 * - a decision about a declaration or a payment belongs to the importer it names (or to the importer of
 *   the declaration it names: inspection's events name only the declaration);
 * - a fact about the cargo alone (arrival, gate, holds, pickups) belongs to the importer whose
 *   declaration was the latest lodged when it happened, so the previous importer does not follow the
 *   cargo after the new one filed, and the new one does not read what happened under the old filing;
 * - facts from before any declaration (the cargo's arrival, when nobody had filed yet) are shown to
 *   every importer that filed for the shipment.
 * Duties, documents, findings and payments of one importer are never shown to another. Decided by
 * business time and ids only, so it gives the same answer whatever order the events arrived in.
 */
export function visibleToImporter<T extends OwnedEntry>(party: string, entries: readonly T[]): T[] {
  const importerOfDeclaration = new Map<string, string>();
  for (const entry of entries) {
    if (entry.declarationId && entry.importerId) {
      importerOfDeclaration.set(entry.declarationId, entry.importerId);
    }
  }
  const lodgements = entries
    .filter((entry) => entry.type === Events.DeclarationLodged.type && entry.importerId)
    .map((entry) => ({ importerId: entry.importerId!, at: entry.at.getTime(), eventId: entry.eventId }))
    .sort((a, b) => a.at - b.at || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));

  const ownerOf = (entry: T): string | typeof BEFORE_ANY_DECLARATION | null => {
    if (entry.importerId) return entry.importerId;
    if (entry.declarationId) return importerOfDeclaration.get(entry.declarationId) ?? null;
    const at = entry.at.getTime();
    let owner: string | null = null;
    for (const lodgement of lodgements) if (lodgement.at <= at) owner = lodgement.importerId;
    return owner ?? BEFORE_ANY_DECLARATION;
  };

  const owners = entries.map(ownerOf);
  if (!owners.includes(party)) return [];
  return entries.filter((_, i) => owners[i] === party || owners[i] === BEFORE_ANY_DECLARATION);
}
