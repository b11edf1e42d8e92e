import {
  approvalsAfterAmendment,
  decideApproval,
  describeApprovals,
  requestedApprovals,
  type AgencyDecision,
} from './approvals';

const V1_AT = new Date('2026-03-02T01:00:00Z');
const V2_AT = new Date('2026-03-03T01:00:00Z');
const licence = { agency: 'licensing', step: 'licence-verification', ruleIds: ['LIC-ARMS'] };
const drugs = { agency: 'health', step: 'registration-check', ruleIds: ['HEALTH-DRUGS'] };
const review = { agency: 'customs', step: 'acceptance-review', ruleIds: ['CUS-REVIEW-CONTROLLED'] };
const approval = (of: typeof licence, openedAt = V1_AT): AgencyDecision => ({
  agency: of.agency,
  step: of.step,
  outcome: 'approved',
  decidedBy: 'OFFICER-1',
  reasons: [],
  openedAt,
  at: new Date(openedAt.getTime() + 3_600_000),
});

describe('approvals', () => {
  it('are requested all at once at lodgement, each pending under the rules that require it', () => {
    expect(requestedApprovals([licence, drugs], 1, V1_AT)).toEqual([
      { ...licence, status: 'pending', version: 1, requestedAt: V1_AT },
      { ...drugs, status: 'pending', version: 1, requestedAt: V1_AT },
    ]);
    expect(describeApprovals([licence, drugs])).toBe(
      'licensing/licence-verification (LIC-ARMS), health/registration-check (HEALTH-DRUGS)',
    );
  });

  it('keep what was granted over an amendment, request the rest for the new version, drop what is no longer needed', () => {
    const v1 = requestedApprovals([licence, drugs, review], 1, V1_AT);
    const granted = decideApproval(v1, approval(licence))!.approvals;
    const wider = { ...licence, ruleIds: ['LIC-ARMS', 'LIC-DUAL-USE-CHEMICALS'] };
    const { approvals, requested, kept } = approvalsAfterAmendment(granted, [wider, drugs], 2, V2_AT);
    expect(approvals).toEqual([
      expect.objectContaining({ ...wider, status: 'approved', version: 1, decidedBy: 'OFFICER-1' }),
      { ...drugs, status: 'pending', version: 2, requestedAt: V2_AT },
    ]);
    expect(requested.map((a) => a.agency)).toEqual(['health']);
    expect(kept.map((a) => a.agency)).toEqual(['licensing']);
  });

  it('take one decision per approval, and none on a task opened before the approval was requested', () => {
    const v1 = requestedApprovals([licence], 1, V1_AT);
    const once = decideApproval(v1, approval(licence));
    expect(once?.approval).toMatchObject({ status: 'approved', decidedBy: 'OFFICER-1' });
    expect(decideApproval(once!.approvals, approval(licence))).toBeNull();
    expect(decideApproval(v1, approval(drugs))).toBeNull();
    const v2 = approvalsAfterAmendment(v1, [licence], 2, V2_AT).approvals;
    expect(decideApproval(v2, approval(licence, V1_AT))).toBeNull();
    expect(decideApproval(v2, approval(licence, V2_AT))?.approval.status).toBe('approved');
  });
});
