import {
  decideDischarge,
  decideGateOutRecord,
  decideManifestLine,
  decideWithdrawal,
  mayReadLine,
  type OnRecord,
} from './bill-of-lading-rules';
import type { ManifestLine } from './manifest-line';

const line: ManifestLine = {
  blNumber: 'COSU6182736450',
  consignee: 'ACME',
  consigneePartyId: 'TRADER-1',
  containerNumbers: ['CSQU3054383', 'MSCU1234566'],
  packages: 10,
  grossWeightKg: 1000,
};
const record = (overrides: Partial<OnRecord> = {}): OnRecord => ({
  _id: line.blNumber,
  vesselCallId: 'call-1',
  carrierPartyId: 'CARRIER-A',
  consignee: line.consignee,
  consigneePartyId: line.consigneePartyId,
  containerNumbers: line.containerNumbers,
  packages: line.packages,
  grossWeightKg: line.grossWeightKg,
  dischargedContainers: [],
  revision: 3,
  ...overrides,
});

const owner = { vesselCallId: 'call-1', partyId: 'CARRIER-A' };

describe('decideManifestLine', () => {
  it('stores a new B/L and leaves an identical one alone', () => {
    expect(decideManifestLine(owner, line, undefined)).toEqual({ kind: 'stored' });
    expect(decideManifestLine(owner, line, record())).toEqual({ kind: 'unchanged' });
  });

  it('amends a changed line before its discharge begins, guarded by the revision read', () => {
    expect(decideManifestLine(owner, { ...line, packages: 11 }, record())).toEqual({
      kind: 'amended',
      revision: 3,
    });
    expect(decideManifestLine(owner, { ...line, consigneePartyId: 'TRADER-2' }, record())).toEqual({
      kind: 'amended',
      revision: 3,
    });
  });

  it("refuses another party's filing of a number it holds, naming neither its call nor its owner, as a conflict", () => {
    const squat = decideManifestLine(
      { vesselCallId: 'call-9', partyId: 'CARRIER-B' },
      { ...line, consigneePartyId: 'TRADER-666' },
      record(),
    );
    expect(squat).toMatchObject({
      kind: 'refused',
      problem: { code: 'ALREADY_MANIFESTED' },
      conflict: {
        blNumber: line.blNumber,
        holderPartyId: 'CARRIER-A',
        holderVesselCallId: 'call-1',
        claimantPartyId: 'CARRIER-B',
        claimantVesselCallId: 'call-9',
      },
    });
    expect(squat.kind === 'refused' && squat.problem.message).not.toMatch(/call-1|CARRIER-A/);
  });

  it('lets a withdrawn number be filed again, by anyone, over the withdrawn line', () => {
    const withdrawn = record({ withdrawnAt: new Date('2026-03-01T00:00:00Z'), revision: 5 });
    expect(decideManifestLine({ vesselCallId: 'call-9', partyId: 'CARRIER-B' }, line, withdrawn)).toEqual({
      kind: 'stored',
      over: 5,
    });
  });

  it('refuses a B/L of another call, and a change once its discharge began', () => {
    const other = decideManifestLine({ ...owner, vesselCallId: 'call-2' }, line, record());
    expect(other.kind === 'refused' && other.problem.code).toBe('ALREADY_MANIFESTED');
    expect(other.kind === 'refused' && other.conflict).toBeUndefined();
    const begun = decideManifestLine(
      owner,
      { ...line, packages: 11 },
      record({ dischargedContainers: ['CSQU3054383'] }),
    );
    expect(begun.kind === 'refused' && begun.problem.code).toBe('ALREADY_DISCHARGED');
  });
});

describe('decideDischarge', () => {
  const bill = { containerNumbers: line.containerNumbers, dischargedContainers: [] as string[] };

  it('completes the B/L when its last container is off the vessel', () => {
    expect(decideDischarge(bill, ['CSQU3054383'])).toEqual({
      dischargedContainers: ['CSQU3054383'],
      complete: false,
    });
    expect(decideDischarge({ ...bill, dischargedContainers: ['CSQU3054383'] }, ['MSCU1234566'])).toEqual({
      dischargedContainers: ['CSQU3054383', 'MSCU1234566'],
      complete: true,
    });
  });

  it('changes nothing for a container discharged already, or a B/L discharged already', () => {
    expect(decideDischarge({ ...bill, dischargedContainers: ['CSQU3054383'] }, ['CSQU3054383'])).toBeNull();
    expect(decideDischarge({ ...bill, dischargedAt: new Date() }, ['MSCU1234566'])).toBeNull();
  });

  it('completes a B/L without containers at its first discharge', () => {
    expect(decideDischarge({ containerNumbers: [], dischargedContainers: [] }, [])).toEqual({
      dischargedContainers: [],
      complete: true,
    });
  });
});

describe('decideGateOutRecord', () => {
  it('records the gate-out once', () => {
    const at = new Date('2026-03-02T02:30:00Z');
    expect(decideGateOutRecord({}, at)).toEqual({ set: { gateOutAt: at } });
    expect(decideGateOutRecord({ gateOutAt: at }, at)).toBeNull();
  });
});

describe('decideWithdrawal', () => {
  const at = new Date('2026-03-02T00:00:00Z');
  const bill = { carrierPartyId: 'CARRIER-A', dischargedContainers: [] as string[], revision: 2 };

  it('lets the owner withdraw its line before discharge, as the next revision', () => {
    expect(decideWithdrawal(bill, { role: 'carrier', party: 'CARRIER-A' }, 'wrong voyage', at)).toEqual({
      kind: 'withdrawn',
      change: { set: { withdrawnAt: at, withdrawnBy: 'CARRIER-A', withdrawalReason: 'wrong voyage' } },
      revision: 3,
    });
  });

  it('lets operations withdraw any line, and hides the line from every other party', () => {
    expect(decideWithdrawal(bill, { role: 'ops', party: 'OPS-1' }, 'squatted', at).kind).toBe('withdrawn');
    expect(decideWithdrawal(bill, { role: 'carrier', party: 'CARRIER-B' }, 'mine', at).kind).toBe(
      'not-found',
    );
    expect(decideWithdrawal(bill, { role: 'port', party: 'TERMINAL-1' }, 'mine', at).kind).toBe('not-found');
    expect(decideWithdrawal(bill, { role: 'importer', party: 'CARRIER-A' }, 'x', at).kind).toBe('not-found');
  });

  it('refuses once the discharge began, and changes nothing on a withdrawn line', () => {
    const begun = { ...bill, dischargedContainers: ['CSQU3054383'] };
    expect(decideWithdrawal(begun, { role: 'ops', party: 'OPS-1' }, 'x', at).kind).toBe('refused');
    expect(
      decideWithdrawal({ ...bill, withdrawnAt: at }, { role: 'ops', party: 'OPS-1' }, 'x', at).kind,
    ).toBe('unchanged');
  });
});

describe('mayReadLine', () => {
  it("hides another carrier's line and shows every line to the terminal, customs and operations", () => {
    const bill = { carrierPartyId: 'CARRIER-A' };
    expect(mayReadLine(bill, { role: 'carrier', party: 'CARRIER-A' })).toBe(true);
    expect(mayReadLine(bill, { role: 'carrier', party: 'CARRIER-B' })).toBe(false);
    expect(mayReadLine(bill, { role: 'port', party: 'TERMINAL-1' })).toBe(true);
    expect(mayReadLine(bill, { role: 'ops', party: 'OPS-1' })).toBe(true);
  });
});
