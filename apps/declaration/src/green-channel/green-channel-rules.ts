import {
  decideGreenChannel,
  type GreenChannelDecision,
  type GreenChannelRegisterData,
  type TraderStatus,
} from '@tongguan/agencies';
import type { FieldProblem } from '@tongguan/contracts';
import type { Change } from '@tongguan/persistence';
import {
  entryId,
  type AeoValues,
  type EntryValues,
  type GreenChannelEntry,
  type GreenChannelKind,
  type MajorProjectValues,
  type RegisterChange,
} from './green-channel-entry.schema';

/**
 * The green-channel register's rules, pure: what the file seeds, what an operator's change does, and
 * what a lodgement earns from the entries of its importer and project.
 */

/** Who changed an entry: an operator's party and role, or the register file at boot. */
export interface Actor {
  by: string;
  role: string;
}
export const REGISTER_FILE: Actor = { by: 'register-file', role: 'system' };

export interface SeedEntry {
  _id: string;
  kind: GreenChannelKind;
  values: EntryValues;
}

/** The file's entries by _id; a party or code listed twice keeps its last entry. */
export function seedEntries(seed: GreenChannelRegisterData): SeedEntry[] {
  const byId = new Map<string, SeedEntry>();
  for (const { partyId, certificate, level, validFrom, validTo } of seed.aeo) {
    const values: AeoValues = { partyId, certificate, level, validFrom, validTo };
    byId.set(entryId('aeo', partyId), { _id: entryId('aeo', partyId), kind: 'aeo', values });
  }
  for (const { code, partyId, name, validFrom, validTo } of seed.majorProjects) {
    const values: MajorProjectValues = { code, partyId, name, validFrom, validTo };
    const _id = entryId('major-project', code);
    byId.set(_id, { _id, kind: 'major-project', values });
  }
  return [...byId.values()];
}

export function valuesOf(entry: GreenChannelEntry): EntryValues {
  const { partyId, validFrom, validTo } = entry;
  return entry.kind === 'aeo'
    ? { partyId, certificate: entry.certificate!, level: entry.level!, validFrom, validTo }
    : { code: entry.code!, partyId, name: entry.name!, validFrom, validTo };
}

function sameValues(a: EntryValues, b: EntryValues): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof EntryValues>;
  return [...keys].every((key) => a[key] === b[key]);
}

function changeOf(action: RegisterChange['action'], values: EntryValues, actor: Actor, at: Date) {
  return { at, by: actor.by, role: actor.role, action, values };
}

export function newEntry(
  seed: SeedEntry,
  source: GreenChannelEntry['source'],
  actor: Actor,
  at: Date,
): Omit<GreenChannelEntry, 'revision'> {
  const action = source === 'seed' ? 'seeded' : 'registered';
  return {
    _id: seed._id,
    kind: seed.kind,
    ...seed.values,
    active: true,
    source,
    changes: [changeOf(action, seed.values, actor, at)],
  };
}

/**
 * The file's entry over the stored one at boot: an entry an operator changed over the API stays as
 * they left it; one the file seeded follows the file.
 */
export function decideSeeding(current: GreenChannelEntry, seeded: SeedEntry, at: Date): Change | null {
  if (current.source === 'api') return null;
  if (current.active && sameValues(valuesOf(current), seeded.values)) return null;
  return {
    set: { ...seeded.values, active: true },
    push: { changes: changeOf('seeded', seeded.values, REGISTER_FILE, at) },
  };
}

/** An entry the file seeded and no longer lists goes, as the file says; an operator's entry stays. */
export function decideUnseeding(current: GreenChannelEntry, at: Date): Change | null {
  if (current.source !== 'seed' || !current.active) return null;
  return {
    set: { active: false },
    push: { changes: changeOf('revoked', valuesOf(current), REGISTER_FILE, at) },
  };
}

export type Registration =
  | { kind: 'insert'; entry: Omit<GreenChannelEntry, 'revision'> }
  | { kind: 'change'; change: Change }
  | { kind: 'unchanged' };

/** An operator registers or changes an entry (PUT): a new one, new values, or a revoked one back. */
export function decideRegistration(
  current: GreenChannelEntry | null,
  wanted: SeedEntry,
  actor: Actor,
  at: Date,
): Registration {
  if (!current) return { kind: 'insert', entry: newEntry(wanted, 'api', actor, at) };
  if (current.active && sameValues(valuesOf(current), wanted.values)) return { kind: 'unchanged' };
  const action = current.active ? 'changed' : 'registered';
  return {
    kind: 'change',
    change: {
      set: { ...wanted.values, active: true, source: 'api' },
      push: { changes: changeOf(action, wanted.values, actor, at) },
    },
  };
}

/** An operator revokes an active entry (DELETE); null when there is none active. */
export function decideRevocation(current: GreenChannelEntry | null, actor: Actor, at: Date): Change | null {
  if (!current?.active) return null;
  return {
    set: { active: false, source: 'api' },
    push: { changes: changeOf('revoked', valuesOf(current), actor, at) },
  };
}

/** An entry valid from a later day than it ends is a slip: 422, never stored. */
export function validityProblems(values: Pick<EntryValues, 'validFrom' | 'validTo'>): FieldProblem[] {
  return values.validTo < values.validFrom
    ? [
        {
          path: 'validTo',
          code: 'VALIDITY_REVERSED',
          message: `validTo ${values.validTo} is before validFrom ${values.validFrom}`,
        },
      ]
    : [];
}

/** The register as decideGreenChannel reads it, from the active entries among those given. */
export function registerOf(entries: readonly (GreenChannelEntry | null)[]): GreenChannelRegisterData {
  const active = entries.filter((e): e is GreenChannelEntry => e?.active === true);
  return {
    aeo: active.filter((e) => e.kind === 'aeo').map((e) => valuesOf(e) as AeoValues),
    majorProjects: active
      .filter((e) => e.kind === 'major-project')
      .map((e) => valuesOf(e) as MajorProjectValues),
  };
}

export interface EarnedGreenChannel extends GreenChannelDecision {
  traderStatus: TraderStatus;
  /** The filing's claims the register confirmed (or the certificate it holds): all DeclarationAccepted names. */
  confirmed: { aeoTraderId?: string; majorProjectCode?: string };
}

/**
 * What a lodgement (or amendment) earns: decided from the importer's AEO entry and the entry of the
 * project the filing names (both read by _id), on the customs-local date of the lodgement.
 */
export function earnedGreenChannel(
  importerAeo: GreenChannelEntry | null,
  namedProject: GreenChannelEntry | null,
  claim: { importerId: string; aeoTraderId?: string; majorProjectCode?: string; on: string },
): EarnedGreenChannel {
  const register = registerOf([importerAeo, namedProject]);
  const decision = decideGreenChannel(register, claim);
  const validOn = (e: { validFrom: string; validTo: string }) =>
    e.validFrom <= claim.on && claim.on <= e.validTo;
  const certificate = register.aeo.find((c) => c.partyId === claim.importerId && validOn(c));
  const project = register.majorProjects.find(
    (p) => p.code === claim.majorProjectCode && p.partyId === claim.importerId && validOn(p),
  );
  return {
    ...decision,
    traderStatus: decision.basis ?? 'standard',
    confirmed: {
      ...(certificate ? { aeoTraderId: certificate.certificate } : {}),
      ...(project ? { majorProjectCode: project.code } : {}),
    },
  };
}

/** The calendar date (YYYY-MM-DD) of an instant in the customs time zone (UTC+8: 17:00Z is tomorrow). */
export function customsLocalDate(at: Date, utcOffsetMinutes: number): string {
  return new Date(at.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}
