import { readGreenChannelRegister } from '@tongguan/agencies';
import type { GreenChannelEntry } from './green-channel-entry.schema';
import {
  customsLocalDate,
  decideRegistration,
  decideRevocation,
  decideSeeding,
  decideUnseeding,
  earnedGreenChannel,
  newEntry,
  REGISTER_FILE,
  seedEntries,
  validityProblems,
  type SeedEntry,
} from './green-channel-rules';

const AT = new Date('2026-03-06T02:00:00Z');
const OPERATOR = { by: 'CUSTOMS-3', role: 'customs' };
const stored = (seed: SeedEntry, source: 'seed' | 'api' = 'seed', active = true): GreenChannelEntry => ({
  ...newEntry(seed, source, source === 'seed' ? REGISTER_FILE : OPERATOR, AT),
  active,
  revision: 1,
});
const [aeoSeed, projectSeed] = seedEntries(readGreenChannelRegister({}));

describe('green-channel register', () => {
  it('seeds one entry per AEO party and per project code, the last of a party listed twice winning', () => {
    expect(aeoSeed).toMatchObject({ _id: 'aeo:TRADER-AEO', kind: 'aeo' });
    expect(projectSeed).toMatchObject({ _id: 'major-project:MP-2026-GBA-001', kind: 'major-project' });
    const twice = seedEntries({
      aeo: [
        {
          partyId: 'A',
          certificate: 'OLD1',
          level: 'general',
          validFrom: '2024-01-01',
          validTo: '2024-12-31',
        },
        {
          partyId: 'A',
          certificate: 'NEW1',
          level: 'advanced',
          validFrom: '2025-01-01',
          validTo: '2027-12-31',
        },
      ],
      majorProjects: [],
    });
    expect(twice).toHaveLength(1);
    expect(twice[0].values).toMatchObject({ certificate: 'NEW1' });
  });

  it("follows the file for the entries it seeded, never over an operator's change", () => {
    const renewed: SeedEntry = { ...aeoSeed, values: { ...aeoSeed.values, validTo: '2030-12-31' } };
    expect(decideSeeding(stored(aeoSeed), aeoSeed, AT)).toBeNull();
    expect(decideSeeding(stored(aeoSeed), renewed, AT)?.set).toMatchObject({ validTo: '2030-12-31' });
    expect(decideSeeding(stored(aeoSeed, 'api'), renewed, AT)).toBeNull();
    expect(decideSeeding(stored(aeoSeed, 'api', false), aeoSeed, AT)).toBeNull();
    expect(decideUnseeding(stored(aeoSeed), AT)?.set).toEqual({ active: false });
    expect(decideUnseeding(stored(aeoSeed, 'api'), AT)).toBeNull();
  });

  it('records who registered, changed and revoked an entry, and when', () => {
    const created = decideRegistration(null, projectSeed, OPERATOR, AT);
    expect(created.kind).toBe('insert');
    const entry = created.kind === 'insert' ? { ...created.entry, revision: 1 } : null;
    expect(entry).toMatchObject({
      source: 'api',
      changes: [{ action: 'registered', by: 'CUSTOMS-3', at: AT }],
    });
    expect(decideRegistration(entry, projectSeed, OPERATOR, AT).kind).toBe('unchanged');
    const moved: SeedEntry = { ...projectSeed, values: { ...projectSeed.values, partyId: 'TRADER-1' } };
    const changed = decideRegistration(entry, moved, OPERATOR, AT);
    expect(changed).toMatchObject({
      kind: 'change',
      change: { set: { partyId: 'TRADER-1', source: 'api' }, push: { changes: { action: 'changed' } } },
    });
    const revoked = decideRevocation(entry, OPERATOR, AT);
    expect(revoked).toMatchObject({ set: { active: false }, push: { changes: { action: 'revoked' } } });
    expect(decideRevocation({ ...entry!, active: false }, OPERATOR, AT)).toBeNull();
    expect(decideRegistration({ ...entry!, active: false }, projectSeed, OPERATOR, AT)).toMatchObject({
      change: { push: { changes: { action: 'registered' } } },
    });
  });

  it('refuses a validity that ends before it starts', () => {
    expect(validityProblems({ validFrom: '2026-02-01', validTo: '2026-01-31' })).toEqual([
      expect.objectContaining({ path: 'validTo', code: 'VALIDITY_REVERSED' }),
    ]);
    expect(validityProblems({ validFrom: '2026-02-01', validTo: '2026-02-01' })).toEqual([]);
  });
});

describe('earned green channel', () => {
  const aeo = stored(aeoSeed);
  const project = stored(projectSeed);

  it("is the importer's certificate valid on the day, whether or not the filing names it", () => {
    const earned = earnedGreenChannel(aeo, null, { importerId: 'TRADER-AEO', on: '2026-03-06' });
    expect(earned).toMatchObject({
      greenChannel: true,
      traderStatus: 'aeo',
      reference: 'CN4403AEO0001',
      confirmed: { aeoTraderId: 'CN4403AEO0001' },
      notes: [],
    });
    expect(
      earnedGreenChannel({ ...aeo, active: false }, null, { importerId: 'TRADER-AEO', on: '2026-03-06' }),
    ).toMatchObject({ greenChannel: false, traderStatus: 'standard' });
  });

  it('earns nothing for a self-declared AEO id, and passes none of it on', () => {
    const earned = earnedGreenChannel(null, null, {
      importerId: 'TRADER-1',
      aeoTraderId: 'AEO-CN-4403-0001',
      on: '2026-03-06',
    });
    expect(earned).toMatchObject({ greenChannel: false, traderStatus: 'standard', confirmed: {} });
    expect(earned.notes).toEqual([
      'AEO id AEO-CN-4403-0001 is not a certificate of TRADER-1 valid on 2026-03-06: no benefit',
    ]);
  });

  it("earns the project's benefit for the importer it is registered to, on a day it runs", () => {
    const claim = { importerId: 'TRADER-PROJECT', majorProjectCode: 'MP-2026-GBA-001', on: '2026-03-06' };
    expect(earnedGreenChannel(null, project, claim)).toMatchObject({
      greenChannel: true,
      traderStatus: 'major-project',
      confirmed: { majorProjectCode: 'MP-2026-GBA-001' },
    });
    expect(earnedGreenChannel(null, project, { ...claim, importerId: 'TRADER-1' }).greenChannel).toBe(false);
    expect(earnedGreenChannel(null, project, { ...claim, on: '2025-12-31' }).greenChannel).toBe(false);
  });

  it('dates a lodgement by the customs-local day: 16:30 UTC is already tomorrow at UTC+8', () => {
    expect(customsLocalDate(new Date('2026-12-31T16:30:00Z'), 480)).toBe('2027-01-01');
    expect(customsLocalDate(new Date('2026-12-31T15:59:59Z'), 480)).toBe('2026-12-31');
  });
});
