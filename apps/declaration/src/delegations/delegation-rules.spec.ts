import { decideFilingRight, decideGrant, decideRevocation, grantProblems } from './delegation-rules';
import type { Delegation } from './delegation.schema';

const BL = 'COSU6182736450';
const bill = { consigneePartyId: 'TRADER-1', withdrawn: false };
const delegation = (overrides: Partial<Delegation> = {}): Delegation => ({
  _id: 'TRADER-1|BROKER-7',
  consigneePartyId: 'TRADER-1',
  brokerPartyId: 'BROKER-7',
  active: true,
  grantedAt: new Date('2026-03-01T00:00:00Z'),
  revision: 1,
  ...overrides,
});
const codeOf = (right: ReturnType<typeof decideFilingRight>) =>
  right.kind === 'refused' ? right.problem.code : right.kind;

describe('decideFilingRight', () => {
  it('lets the consignee the manifest names declare, as the owner', () => {
    expect(decideFilingRight(BL, bill, 'TRADER-1', null)).toEqual({
      kind: 'allowed',
      ownerPartyId: 'TRADER-1',
      asBroker: false,
    });
  });

  it('refuses any other party', () => {
    expect(codeOf(decideFilingRight(BL, bill, 'TRADER-2', null))).toBe('NOT_CONSIGNEE');
  });

  it('lets an authorised broker declare for the consignee, who stays the owner', () => {
    expect(decideFilingRight(BL, bill, 'BROKER-7', delegation())).toEqual({
      kind: 'allowed',
      ownerPartyId: 'TRADER-1',
      asBroker: true,
    });
  });

  it('refuses a broker whose delegation was revoked, or given by another consignee', () => {
    expect(codeOf(decideFilingRight(BL, bill, 'BROKER-7', delegation({ active: false })))).toBe(
      'NOT_CONSIGNEE',
    );
    const foreign = delegation({ consigneePartyId: 'TRADER-2' });
    expect(codeOf(decideFilingRight(BL, bill, 'BROKER-7', foreign))).toBe('NOT_CONSIGNEE');
  });

  it('refuses everyone before the manifest is transmitted, and after its line is withdrawn', () => {
    expect(codeOf(decideFilingRight(BL, null, 'TRADER-1', null))).toBe('BL_NOT_MANIFESTED');
    expect(codeOf(decideFilingRight(BL, { ...bill, withdrawn: true }, 'TRADER-1', null))).toBe(
      'BL_NOT_MANIFESTED',
    );
  });
});

describe('delegation grant and revocation', () => {
  const at = new Date('2026-03-02T00:00:00Z');

  it('creates a delegation, leaves an active one alone and reactivates a revoked one', () => {
    expect(decideGrant(null, 'TRADER-1', 'BROKER-7', 'TRADER-1|BROKER-7', at)).toEqual({
      kind: 'create',
      delegation: expect.objectContaining({ active: true, grantedAt: at }),
    });
    expect(decideGrant(delegation(), 'TRADER-1', 'BROKER-7', 'x', at).kind).toBe('unchanged');
    expect(decideGrant(delegation({ active: false }), 'TRADER-1', 'BROKER-7', 'x', at).kind).toBe(
      'reactivate',
    );
  });

  it('revokes an active delegation only', () => {
    expect(decideRevocation(delegation(), at)).toEqual({ set: { active: false, revokedAt: at } });
    expect(decideRevocation(delegation({ active: false }), at)).toBeNull();
    expect(decideRevocation(null, at)).toBeNull();
  });

  it('refuses a delegation to oneself', () => {
    expect(grantProblems('TRADER-1', 'TRADER-1').map((p) => p.code)).toEqual(['SELF_DELEGATION']);
    expect(grantProblems('TRADER-1', 'BROKER-7')).toEqual([]);
  });
});
