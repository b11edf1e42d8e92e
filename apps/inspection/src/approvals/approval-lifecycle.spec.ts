import { readAgencyRegistry } from '@tongguan/agencies';
import { decidesFor, visibleAgencies } from './approval-access';
import {
  decide,
  planOpening,
  stillWatched,
  type ApprovalFact,
  type ApprovalState,
  type ApprovalVerdict,
} from './approval-lifecycle';
import type { ApprovalStatus } from './approval-task.schema';

const registry = readAgencyRegistry({});
const cn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
/** Friday 16:30 in China: 16 working hours of the government's 5-day week end on Wednesday 10:00. */
const OPENED = cn('2026-03-06 16:30');
const DUE = cn('2026-03-11 10:00');
const licensingHours = (from: Date, to: Date) => registry.workingHoursBetween('licensing', from, to);

function task(over: Partial<ApprovalState> = {}): ApprovalState {
  return {
    _id: 'a-1',
    agency: 'licensing',
    step: 'licence-verification',
    status: 'open',
    tacitApproval: true,
    openedAt: OPENED,
    dueAt: DUE,
    limitHours: 16,
    traderWaitHours: 0,
    ...over,
  };
}

const approve: ApprovalFact = { kind: 'decide', officerId: 'licensing', outcome: 'approved', reasons: [] };
const refuse = (reasons: string[]): ApprovalFact => ({
  kind: 'decide',
  officerId: 'licensing',
  outcome: 'refused',
  reasons,
});
const refusal = (v: ApprovalVerdict) => (v && 'refusal' in v ? v.refusal.code : null);
const transition = (v: ApprovalVerdict) => (v && 'transition' in v ? v.transition : null);

describe('approval task lifecycle', () => {
  it("times an officer's decision in working hours of the agency's calendar, the weekend left out", () => {
    // Friday 16:30-17:30 and Monday 09:00-11:00: 3 working hours
    const at = cn('2026-03-09 11:00');
    const t = transition(decide(task(), approve, at, licensingHours));
    expect(t?.set).toMatchObject({ status: 'approved', decidedBy: 'licensing', decidedAt: at });
    expect(t?.announce).toEqual({
      outcome: 'approved',
      decidedBy: 'licensing',
      reasons: [],
      decisionHours: 3,
      traderWaitHours: 0,
      withinLimit: true,
    });
    expect(stillWatched(t!)).toBe(false);
  });

  it('refuses only with reasons, and a decided or closed task not again', () => {
    expect(refusal(decide(task(), refuse([]), OPENED, licensingHours))).toBe('APPROVAL.REASONS_REQUIRED');
    expect(
      transition(decide(task(), refuse(['no licence on file']), OPENED, licensingHours))?.set,
    ).toMatchObject({ status: 'refused', reasons: ['no licence on file'] });
    for (const status of ['approved', 'refused', 'deemed-approved'] as ApprovalStatus[])
      expect(refusal(decide(task({ status }), approve, OPENED, licensingHours))).toBe(
        'APPROVAL.ALREADY_DECIDED',
      );
    for (const status of ['withdrawn', 'superseded', 'closed'] as ApprovalStatus[])
      expect(refusal(decide(task({ status }), approve, OPENED, licensingHours))).toBe('APPROVAL.CLOSED');
  });

  it('deems a step with tacit approval approved at its limit, once, and no officer decides it after', () => {
    expect(decide(task(), { kind: 'deadline-reached' }, cn('2026-03-11 09:59'), licensingHours)).toBeNull();
    const t = transition(decide(task(), { kind: 'deadline-reached' }, DUE, licensingHours));
    expect(t?.set).toMatchObject({
      status: 'deemed-approved',
      decidedBy: 'tacit-approval',
      withinLimit: false,
    });
    expect(t?.announce).toMatchObject({ outcome: 'deemed-approved', decisionHours: 16, withinLimit: false });
    expect(
      decide(task({ status: 'deemed-approved' }), { kind: 'deadline-reached' }, DUE, licensingHours),
    ).toBeNull();
    expect(refusal(decide(task(), approve, DUE, licensingHours))).toBe('APPROVAL.DEADLINE_PASSED');
  });

  it('never approves a step without tacit approval by silence: overdue, still decidable, late', () => {
    const health = task({
      agency: 'health',
      step: 'registration-check',
      tacitApproval: false,
      limitHours: 8,
    });
    const t = transition(decide(health, { kind: 'deadline-reached' }, DUE, licensingHours));
    expect(t).toEqual({ set: { status: 'overdue', overdueAt: DUE } });
    expect(stillWatched(t!)).toBe(false);
    const overdue = { ...health, status: 'overdue' as const };
    expect(decide(overdue, { kind: 'deadline-reached' }, DUE, licensingHours)).toBeNull();
    const late = transition(decide(overdue, approve, cn('2026-03-12 10:00'), licensingHours));
    expect(late?.announce).toMatchObject({ outcome: 'approved', withinLimit: false, decisionHours: 23 });
    // an open step past its limit that the watcher has not reached yet is decidable late as well
    expect(transition(decide(health, approve, cn('2026-03-12 10:00'), licensingHours))?.set.status).toBe(
      'approved',
    );
  });

  it('leaves the trader’s time out of the decision hours', () => {
    const t = transition(
      decide(task({ traderWaitHours: 2 }), approve, cn('2026-03-09 11:00'), licensingHours),
    );
    expect(t?.announce).toMatchObject({ decisionHours: 1, traderWaitHours: 2 });
  });

  it('closes an undecided task silently with the reason when the declaration goes, and no other', () => {
    const withdrawn: ApprovalFact = { kind: 'close', status: 'withdrawn', reason: 'withdrawn: sold' };
    const refused: ApprovalFact = { kind: 'close', status: 'closed', reason: 'release refused: no licence' };
    for (const status of ['open', 'overdue'] as ApprovalStatus[]) {
      expect(transition(decide(task({ status }), withdrawn, DUE, licensingHours))).toEqual({
        set: { status: 'withdrawn', closedAt: DUE, closedReason: 'withdrawn: sold' },
      });
      const closed = transition(decide(task({ status }), refused, DUE, licensingHours));
      expect(closed).toEqual({
        set: { status: 'closed', closedAt: DUE, closedReason: 'release refused: no licence' },
      });
      expect(stillWatched(closed!)).toBe(false);
    }
    for (const status of [
      'approved',
      'refused',
      'deemed-approved',
      'withdrawn',
      'closed',
    ] as ApprovalStatus[])
      expect(decide(task({ status }), refused, DUE, licensingHours)).toBeNull();
  });

  it('lets no officer decide a closed task, nor the limit deem it approved; the 409 says why', () => {
    const closed = task({ status: 'closed', closedReason: 'release refused: no licence' });
    const verdict = decide(closed, approve, OPENED, licensingHours);
    expect(refusal(verdict)).toBe('APPROVAL.CLOSED');
    expect(verdict && 'refusal' in verdict && verdict.refusal.message).toMatch(/release refused: no licence/);
    expect(decide(closed, { kind: 'deadline-reached' }, DUE, licensingHours)).toBeNull();
  });
});

describe('opening the steps a request names', () => {
  const licence = { agency: 'licensing', step: 'licence-verification', ruleIds: ['LIC-ARMS'] };
  const health = { agency: 'health', step: 'registration-check', ruleIds: ['HEALTH-DRUGS'] };
  const stored = (status: ApprovalStatus, version = 1, step = licence) => ({
    _id: `${step.agency}-v${version}`,
    agency: step.agency,
    step: step.step,
    status,
    declarationVersion: version,
  });

  it("opens every step but inspection's own, and the same version's again (idempotent)", () => {
    const inspection = { agency: 'inspection', step: 'document-check', ruleIds: ['X'] };
    const plan = planOpening({ version: 1, approvals: [licence, health, inspection] }, [], false);
    expect(plan).toEqual({ open: [licence, health], supersede: [] });
    expect(planOpening({ version: 1, approvals: [licence] }, [stored('approved')], false).open).toEqual([
      licence,
    ]);
  });

  it('opens nothing for a step a later version names once it is granted; supersedes what is undecided', () => {
    const plan = planOpening(
      { version: 2, approvals: [licence, health] },
      [stored('approved'), stored('overdue', 1, health)],
      false,
    );
    expect(plan).toEqual({ open: [health], supersede: ['health-v1'] });
    expect(
      planOpening({ version: 2, approvals: [licence] }, [stored('deemed-approved')], false).open,
    ).toEqual([]);
  });

  it('opens a refused step again when an amendment asks for it: the amended filing answers the refusal', () => {
    expect(planOpening({ version: 2, approvals: [licence] }, [stored('refused')], false)).toEqual({
      open: [licence],
      supersede: [],
    });
  });

  it('opens nothing once the declaration ended (withdrawn, refused, rejected), nor for an older version', () => {
    expect(planOpening({ version: 1, approvals: [licence] }, [], true)).toEqual({ open: [], supersede: [] });
    expect(planOpening({ version: 1, approvals: [health] }, [stored('open', 2)], false)).toEqual({
      open: [],
      supersede: [],
    });
  });
});

describe('who sees and decides approval tasks', () => {
  it("gives an agency officer its own agency's tasks, a supervisor its agency's, ops all", () => {
    expect(visibleAgencies({ role: 'agency', party: 'licensing' }, registry)).toEqual(['licensing']);
    expect(visibleAgencies({ role: 'customs', party: 'OFFICER-9' }, registry)).toEqual(['customs']);
    expect(visibleAgencies({ role: 'supervisor', party: 'health' }, registry)).toEqual(['health']);
    expect(visibleAgencies({ role: 'ops', party: 'ops' }, registry)).toEqual(
      registry.agencies.map((a) => a.id),
    );
    expect(visibleAgencies({ role: 'importer', party: 'licensing' }, registry)).toEqual([]);
  });

  it('lets only the agency’s officers decide', () => {
    expect(decidesFor({ role: 'agency', party: 'licensing' }, 'licensing', registry)).toBe(true);
    expect(decidesFor({ role: 'agency', party: 'health' }, 'licensing', registry)).toBe(false);
    expect(decidesFor({ role: 'supervisor', party: 'licensing' }, 'licensing', registry)).toBe(false);
    expect(decidesFor({ role: 'ops', party: 'ops' }, 'licensing', registry)).toBe(false);
    expect(decidesFor({ role: 'agency', party: 'mint' }, 'mint', registry)).toBe(false);
  });
});
