import {
  decideDischarge,
  decideGateOutRecord,
  decideManifestLine,
  type OnRecord,
} from './bill-of-lading-rules';
import type { ManifestLine } from './manifest-line';

const line: ManifestLine = {
  blNumber: 'COSU6182736450',
  consignee: 'ACME',
  containerNumbers: ['CSQU3054383', 'MSCU1234566'],
  packages: 10,
  grossWeightKg: 1000,
};
const record = (overrides: Partial<OnRecord> = {}): OnRecord => ({
  _id: line.blNumber,
  vesselCallId: 'call-1',
  consignee: line.consignee,
  containerNumbers: line.containerNumbers,
  packages: line.packages,
  grossWeightKg: line.grossWeightKg,
  dischargedContainers: [],
  revision: 3,
  ...overrides,
});

describe('decideManifestLine', () => {
  it('stores a new B/L and leaves an identical one alone', () => {
    expect(decideManifestLine('call-1', line, undefined)).toEqual({ kind: 'stored' });
    expect(decideManifestLine('call-1', line, record())).toEqual({ kind: 'unchanged' });
  });

  it('amends a changed line before its discharge begins, guarded by the revision read', () => {
    expect(decideManifestLine('call-1', { ...line, packages: 11 }, record())).toEqual({
      kind: 'amended',
      revision: 3,
    });
  });

  it('refuses a B/L of another call, and a change once its discharge began', () => {
    const other = decideManifestLine('call-2', line, record());
    expect(other.kind === 'refused' && other.problem.code).toBe('ALREADY_MANIFESTED');
    const begun = decideManifestLine(
      'call-1',
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
