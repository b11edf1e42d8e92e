import { approvalsAfterAmendment, requestedApprovals, type AgencyDecision } from './approvals';
import type { SettlementOnRecord } from './duty-coverage';
import {
  amendmentRefusal,
  paidAfterAmendment,
  decide,
  releaseBlockers,
  statusAfter,
  type DeclarationFact,
  type DeclarationState,
} from './declaration-lifecycle';

const DUTY = { currency: 'CNY', totalMinor: 100_000_00 };

/** A settlement of this declaration covering `coveredMinor` of duties and taxes. */
const settlement = (coveredMinor = DUTY.totalMinor, paymentId = 'pay-1'): SettlementOnRecord => ({
  paymentId,
  receiptNumber: `RCT-${paymentId}`,
  declarationVersion: 1,
  currency: 'CNY',
  coveredMinor,
  method: 'gateway',
  settledAt: new Date('2026-03-02T10:00:00Z'),
});
const settled = (coveredMinor = DUTY.totalMinor, paymentId = 'pay-1'): DeclarationFact => ({
  kind: 'settled',
  settlement: settlement(coveredMinor, paymentId),
});

const lodged = (over: Partial<DeclarationState> & { paid?: boolean } = {}): DeclarationState => {
  const { paid = false, ...rest } = over;
  return {
    status: 'accepted',
    inspectionCleared: false,
    duty: DUTY,
    paid,
    settlements: paid ? [settlement()] : [],
    noticePending: false,
    ...rest,
  };
};

/** Applies facts in order, as the repository would store each transition. */
function run(state: DeclarationState, ...facts: DeclarationFact[]) {
  const released: boolean[] = [];
  for (const fact of facts) {
    const t = decide(state, fact);
    if (!t) continue;
    released.push(Boolean(t.released));
    state = {
      ...state,
      ...t.set,
      status: statusAfter(state, t),
      ...(t.released ? { releasedAt: new Date() } : {}),
    };
  }
  return { state, releases: released.filter(Boolean).length };
}

describe('declaration lifecycle', () => {
  it('releases exactly once when accepted, cleared and paid, in any order and with repeats', () => {
    const risk: DeclarationFact = { kind: 'risk-assessed', channel: 'YELLOW', taskId: 't1' };
    const paid = settled();
    const cleared: DeclarationFact = { kind: 'inspection-cleared', taskId: 't1', reason: 'passed' };
    for (const order of [
      [risk, paid, cleared],
      [paid, risk, cleared],
      [risk, cleared, paid],
      // the result overtook its RiskAssessed on Kafka (see earlyInspectionResults)
      [cleared, risk, paid],
      [paid, cleared, risk],
    ]) {
      const { state, releases } = run(lodged(), ...order, ...order);
      expect(state.status).toBe('released');
      expect(releases).toBe(1);
    }
  });

  it('keeps a result that comes before its RiskAssessed, and applies it with that RiskAssessed only', () => {
    const cleared: DeclarationFact = { kind: 'inspection-cleared', taskId: 't1', reason: 'passed' };
    const early = run(lodged({ paid: true }), cleared, cleared).state;
    expect(early).toMatchObject({ status: 'accepted', inspectionCleared: false });
    expect(early.earlyInspectionResults).toEqual([cleared]);
    // a RED assessment of that task: the physical check, then cleared by the result, then released
    const t = decide(early, { kind: 'risk-assessed', channel: 'RED', taskId: 't1' });
    expect(t?.steps.map((s) => s.status)).toEqual(['under-physical-check', 'accepted', 'released']);
    expect(t?.released).toBe(true);
    // an assessment naming another task (a later version's) leaves the early result aside
    const other = decide(early, { kind: 'risk-assessed', channel: 'RED', taskId: 't2' });
    expect(other?.set.inspectionCleared).toBeUndefined();
    expect(other?.released).toBeUndefined();
    // a failed result that came early refuses release when its RiskAssessed arrives
    const failed = run(lodged({ paid: true }), { kind: 'inspection-failed', taskId: 't1', reasons: ['x'] });
    const refused = decide(failed.state, { kind: 'risk-assessed', channel: 'YELLOW', taskId: 't1' });
    expect(refused?.refused).toEqual(['x']);
    expect(refused?.released).toBeUndefined();
  });

  it('clears inspection on a GREEN channel and releases a paid declaration in the same step', () => {
    const t = decide(lodged({ paid: true }), { kind: 'risk-assessed', channel: 'GREEN', taskId: 't1' });
    expect(t?.set).toMatchObject({ riskChannel: 'GREEN', inspectionCleared: true });
    expect(t?.released).toBe(true);
    expect(t?.steps.map((s) => s.status)).toEqual(['accepted', 'released']);
  });

  it('moves a RED channel to the physical check and announces it', () => {
    const t = decide(lodged(), { kind: 'risk-assessed', channel: 'RED', taskId: 't1' });
    expect(t?.steps).toEqual([expect.objectContaining({ status: 'under-physical-check', announce: true })]);
  });

  it('ignores a second risk assessment and a result for a task an amendment replaced', () => {
    const assessed = lodged({ riskChannel: 'YELLOW', inspectionTaskId: 't2' });
    expect(decide(assessed, { kind: 'risk-assessed', channel: 'GREEN', taskId: 't3' })).toBeNull();
    expect(decide(assessed, { kind: 'inspection-cleared', taskId: 't1', reason: 'old' })).toBeNull();
    expect(decide(assessed, { kind: 'inspection-failed', taskId: 't1', reasons: ['old'] })).toBeNull();
  });

  it('refuses release on a failed inspection, and a refused declaration is never released', () => {
    const state = lodged({ riskChannel: 'RED', inspectionTaskId: 't1', status: 'under-physical-check' });
    const t = decide(state, { kind: 'inspection-failed', taskId: 't1', reasons: ['undeclared goods'] });
    expect(t?.refused).toEqual(['undeclared goods']);
    expect(statusAfter(state, t!)).toBe('refused');
    const after = run(state, { kind: 'inspection-failed', taskId: 't1', reasons: ['x'] }, settled());
    expect(after.releases).toBe(0);
  });

  it('holds release while a notice waits, and the resubmission releases a cleared, paid declaration', () => {
    let { state } = run(
      lodged({ riskChannel: 'YELLOW', inspectionTaskId: 't1' }),
      { kind: 'documents-requested', by: 'OFFICER-1', reason: 'invoice' },
      settled(),
      { kind: 'inspection-cleared', taskId: 't1', reason: 'passed' },
    );
    expect(state).toMatchObject({
      status: 'documents-required',
      noticePending: true,
      inspectionCleared: true,
    });
    expect(releaseBlockers(state)).toEqual(['a notice waits for the importer']);
    const t = decide(state, { kind: 'documents-submitted', by: 'TRADER-1' });
    expect(t?.incNoticesAnswered).toBe(true);
    expect(t?.released).toBe(true);
    state = { ...state, ...t!.set, status: statusAfter(state, t!) };
    expect(state.status).toBe('released');
  });

  it('sends a RED declaration back to the physical check after the resubmission', () => {
    const state = lodged({
      status: 'documents-required',
      noticePending: true,
      riskChannel: 'RED',
      inspectionTaskId: 't1',
    });
    const t = decide(state, { kind: 'documents-submitted', by: 'TRADER-1' });
    expect(statusAfter(state, t!)).toBe('under-physical-check');
  });

  it('lists every blocker at once', () => {
    expect(releaseBlockers(lodged({ status: 'documents-required', noticePending: true }))).toEqual([
      'a notice waits for the importer',
      'inspection not cleared',
      'duties not paid',
    ]);
  });

  it('lets a withdrawn declaration neither be released nor withdrawn again', () => {
    const { state } = run(lodged({ inspectionCleared: true }), { kind: 'withdrawn', by: 'T', reason: 'r' });
    expect(state.status).toBe('cancelled');
    expect(decide(state, settled())?.released).toBeFalsy();
    expect(decide(state, { kind: 'withdrawn', by: 'T', reason: 'again' })).toBeNull();
  });

  it('marks goods exited only after release', () => {
    expect(decide(lodged(), { kind: 'goods-exited', via: 'gate-out' })).toBeNull();
    const t = decide(lodged({ status: 'released' }), { kind: 'goods-exited', via: 'gate-out' });
    expect(t?.steps).toEqual([expect.objectContaining({ status: 'goods-exited', announce: true })]);
  });

  it('takes an amendment until release, also once paid; the new assessment decides whether it is still paid', () => {
    expect(amendmentRefusal(lodged())).toBeNull();
    expect(amendmentRefusal(lodged({ paid: true }))).toBeNull();
    expect(amendmentRefusal(lodged({ status: 'released' }))).toMatch(/released declaration/);
    expect(amendmentRefusal(lodged({ status: 'cancelled' }))).toMatch(/cancelled declaration/);
    const paid = lodged({ paid: true });
    expect(paidAfterAmendment(paid, { currency: 'CNY', totalMinor: DUTY.totalMinor * 100 })).toBe(false);
    expect(paidAfterAmendment(paid, { currency: 'CNY', totalMinor: DUTY.totalMinor / 2 })).toBe(true);
  });

  it('is paid only when the settlements cover the current assessment, and asks again for what is short', () => {
    // 1% of the assessment settled (priced on an earlier version): no release, the rest is asked for
    const cleared = lodged({ riskChannel: 'GREEN', inspectionTaskId: 't1', inspectionCleared: true });
    const short = decide(cleared, settled(DUTY.totalMinor / 100));
    expect(short?.set.paid).toBe(false);
    expect(short?.released).toBeUndefined();
    expect(short?.dutyOwedMinor).toBe(DUTY.totalMinor - DUTY.totalMinor / 100);
    const after = run(cleared, settled(DUTY.totalMinor / 100));
    expect(releaseBlockers(after.state)).toEqual(['duties not paid']);
    // the difference settled under another payment: now paid and released, once
    const rest = run(after.state, settled(DUTY.totalMinor - DUTY.totalMinor / 100, 'pay-2'));
    expect(rest.state).toMatchObject({ status: 'released', paid: true });
    expect(rest.releases).toBe(1);
  });

  it('counts a settlement once however often it arrives, and never one in another currency', () => {
    const once = run(lodged(), settled(DUTY.totalMinor / 2), settled(DUTY.totalMinor / 2));
    expect(once.state.settlements).toHaveLength(1);
    expect(once.state.paid).toBe(false);
    const usd: DeclarationFact = {
      kind: 'settled',
      settlement: { ...settlement(DUTY.totalMinor, 'pay-usd'), currency: 'USD' },
    };
    expect(decide(lodged(), usd)?.set.paid).toBe(false);
  });

  it('blocks release on the assessment, not on a stored paid flag', () => {
    const state = lodged({ inspectionCleared: true, paid: true, settlements: [settlement(1)] });
    expect(releaseBlockers(state)).toEqual(['duties not paid']);
  });

  it('records a settlement of a withdrawn declaration without asking for more', () => {
    const t = decide(lodged({ status: 'cancelled' }), settled(1));
    expect(t?.set.settlements).toHaveLength(1);
    expect(t?.dutyOwedMinor).toBeUndefined();
    expect(t?.released).toBeUndefined();
  });

  describe('agency approvals', () => {
    const LODGED_AT = new Date('2026-03-02T01:00:00Z');
    const licence = { agency: 'licensing', step: 'licence-verification', ruleIds: ['LIC-ARMS'] };
    const drugs = { agency: 'health', step: 'registration-check', ruleIds: ['HEALTH-DRUGS'] };
    const review = { agency: 'customs', step: 'acceptance-review', ruleIds: ['CUS-REVIEW-CONTROLLED'] };
    const decided = (
      of: { agency: string; step: string },
      outcome: AgencyDecision['outcome'] = 'approved',
      over: Partial<AgencyDecision> = {},
    ): DeclarationFact => ({
      kind: 'agency-decided',
      ...of,
      outcome,
      decidedBy: outcome === 'deemed-approved' ? 'tacit-approval' : `${of.agency.toUpperCase()}-OFFICER`,
      reasons: outcome === 'refused' ? ['no licence on file'] : [],
      openedAt: LODGED_AT,
      at: new Date('2026-03-02T03:00:00Z'),
      ...over,
    });
    const cleared = { riskChannel: 'GREEN' as const, inspectionTaskId: 't1', inspectionCleared: true };
    const routed = (over: Partial<DeclarationState> = {}, ...required: (typeof licence)[]) =>
      lodged({ approvals: requestedApprovals(required, 1, LODGED_AT), ...over });

    it('waits for every approval by name, and releases once, naming each approval', () => {
      const state = routed({ ...cleared, paid: true }, licence, drugs);
      expect(releaseBlockers(state)).toEqual([
        'licensing/licence-verification pending',
        'health/registration-check pending',
      ]);
      const first = run(state, decided(licence), decided(licence));
      expect(first.releases).toBe(0);
      expect(releaseBlockers(first.state)).toEqual(['health/registration-check pending']);
      const t = decide(first.state, decided(drugs, 'deemed-approved'));
      expect(t?.released).toBe(true);
      expect(t?.steps.map((s) => s.reason)).toEqual([
        'health/registration-check deemed approved: its time limit passed (tacit approval)',
        'accepted, inspection cleared and paid; approvals: licensing/licence-verification approved (LICENSING-OFFICER), health/registration-check deemed-approved (tacit-approval)',
      ]);
      expect(t?.set.approvals?.[1]).toMatchObject({ status: 'deemed-approved', decidedBy: 'tacit-approval' });
    });

    it('releases without agencies when the routing requires none, and says so', () => {
      const t = decide(routed({ paid: true }), { kind: 'risk-assessed', channel: 'GREEN', taskId: 't1' });
      expect(t?.steps.at(-1)?.reason).toBe(
        'accepted, inspection cleared and paid; no agency approval required',
      );
    });

    it("refuses release on an agency's refusal, with its reasons", () => {
      const t = decide(routed(cleared, licence), decided(licence, 'refused'));
      expect(t?.refused).toEqual([
        'licensing/licence-verification refused by LICENSING-OFFICER: no licence on file',
      ]);
      expect(t?.steps).toEqual([expect.objectContaining({ status: 'refused', announce: false })]);
      expect(t?.released).toBeUndefined();
    });

    it('accepts a received declaration on its acceptance review, approved or deemed approved [T2]', () => {
      const received = routed({ status: 'received' }, review, licence);
      expect(releaseBlockers(received)).toEqual([
        'status received',
        'customs/acceptance-review pending',
        'licensing/licence-verification pending',
        'inspection not cleared',
        'duties not paid',
      ]);
      // another agency deciding first leaves it received
      const licensed = decide(received, decided(licence));
      expect(licensed?.accepted).toBeUndefined();
      expect(statusAfter(received, licensed!)).toBe('received');
      for (const outcome of ['approved', 'deemed-approved'] as const) {
        const t = decide(received, decided(review, outcome));
        expect(t?.accepted).toBe(true);
        expect(statusAfter(received, t!)).toBe('accepted');
        expect(t?.released).toBeUndefined();
      }
    });

    it("rejects a received declaration whose acceptance review is refused, announcing the officer's reasons", () => {
      const received = routed({ status: 'received' }, review);
      const t = decide(received, decided(review, 'refused'));
      expect(statusAfter(received, t!)).toBe('rejected');
      expect(t?.steps[0]).toMatchObject({ announce: true, by: 'CUSTOMS-OFFICER' });
      expect(t?.steps[0].reason).toMatch(/no licence on file/);
      expect(t?.accepted).toBeUndefined();
      // nothing moves a rejected declaration any more
      const after = run(received, decided(review, 'refused'), decided(review), settled());
      expect(after.state.status).toBe('rejected');
      expect(decide(after.state, { kind: 'withdrawn', by: 'T', reason: 'r' })).toBeNull();
    });

    it('lets the importer withdraw a declaration waiting for its acceptance review, but not amend it', () => {
      const received = routed({ status: 'received' }, review);
      expect(amendmentRefusal(received)).toMatch(/acceptance review/);
      const t = decide(received, { kind: 'withdrawn', by: 'TRADER-1', reason: 'wrong B/L' });
      expect(statusAfter(received, t!)).toBe('cancelled');
    });

    it("ignores a step the current version does not need, a repeat, and an older version's task", () => {
      const state = routed(cleared, licence);
      expect(decide(state, decided(drugs))).toBeNull();
      const once = run(state, decided(licence, 'approved'));
      expect(decide(once.state, decided(licence, 'refused'))).toBeNull();
      // version 2 requested the licence again (not yet granted): the first version's task is stale
      const v2At = new Date('2026-03-02T05:00:00Z');
      const amended = lodged({
        ...cleared,
        approvals: approvalsAfterAmendment(requestedApprovals([licence], 1, LODGED_AT), [licence], 2, v2At)
          .approvals,
      });
      expect(decide(amended, decided(licence, 'refused', { openedAt: LODGED_AT }))).toBeNull();
      expect(
        decide(amended, decided(licence, 'approved', { openedAt: v2At }))?.set.approvals?.[0],
      ).toMatchObject({ status: 'approved', version: 2 });
    });

    it("leaves inspection's own steps to its risk path", () => {
      const inspection = { agency: 'inspection', step: 'physical-inspection', ruleIds: ['X'] };
      const state = routed({ paid: true }, inspection);
      expect(releaseBlockers(state)).toEqual(['inspection not cleared']);
      expect(decide(state, { kind: 'risk-assessed', channel: 'GREEN', taskId: 't1' })?.released).toBe(true);
    });
  });
});
