import { decideManifestFact, type ManifestFact } from './manifested-bill-rules';
import type { ManifestedBill } from './manifested-bill.schema';

const filed = (revision: number, consigneePartyId = 'TRADER-1'): ManifestFact => ({
  kind: 'filed',
  blNumber: 'COSU6182736450',
  vesselCallId: 'call-1',
  carrierPartyId: 'CARRIER-A',
  consigneePartyId,
  revision,
});
const known = (overrides: Partial<ManifestedBill> = {}): ManifestedBill => ({
  _id: 'COSU6182736450',
  blNumber: 'COSU6182736450',
  vesselCallId: 'call-1',
  carrierPartyId: 'CARRIER-A',
  consigneePartyId: 'TRADER-1',
  lineRevision: 1,
  withdrawn: false,
  revision: 1,
  ...overrides,
});

describe('decideManifestFact', () => {
  it('records a B/L first heard of', () => {
    expect(decideManifestFact(null, filed(1))).toEqual({
      kind: 'insert',
      bill: expect.objectContaining({ consigneePartyId: 'TRADER-1', lineRevision: 1, withdrawn: false }),
    });
  });

  it('takes a newer amendment, the consignee included, and ignores an older or repeated one', () => {
    const amended = decideManifestFact(known(), filed(2, 'TRADER-9'));
    expect(amended).toEqual({
      kind: 'change',
      change: { set: expect.objectContaining({ consigneePartyId: 'TRADER-9', lineRevision: 2 }) },
    });
    expect(decideManifestFact(known({ lineRevision: 3 }), filed(2, 'TRADER-9'))).toBeNull();
    expect(decideManifestFact(known(), filed(1))).toBeNull();
  });

  it('marks a withdrawn line, and a later filing of the number makes it declarable again', () => {
    const withdrawal: ManifestFact = {
      kind: 'withdrawn',
      blNumber: 'COSU6182736450',
      vesselCallId: 'call-1',
      revision: 2,
    };
    expect(decideManifestFact(known(), withdrawal)).toEqual({
      kind: 'change',
      change: { set: expect.objectContaining({ withdrawn: true, lineRevision: 2 }) },
    });
    const refiled = decideManifestFact(known({ withdrawn: true, lineRevision: 2 }), filed(3, 'TRADER-2'));
    expect(refiled).toEqual({
      kind: 'change',
      change: { set: expect.objectContaining({ withdrawn: false, consigneePartyId: 'TRADER-2' }) },
    });
  });
});
