import { readAgencyRegistry } from '@tongguan/agencies';
import { WorkingCalendar } from '@tongguan/clock';
import type { TaskStatus } from './inspection-task.schema';
import { deadlineWatch, decide, type TaskDecision, type TaskFact, type TaskState } from './task-lifecycle';

const continuous = WorkingCalendar.continuous();
/** The registry's inspection calendar: Monday-Saturday, 08:30-12:00 and 13:30-17:30 at UTC+8. */
const agency = readAgencyRegistry({}).calendarOf('inspection');
const cn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const OPENED = new Date('2026-03-02T08:00:00Z');
const DEADLINE = new Date('2026-03-02T16:00:00Z');
const BEFORE = new Date('2026-03-02T15:59:59Z');

function task(over: Partial<TaskState> = {}): TaskState {
  return {
    _id: 't-1',
    status: 'open',
    openedAt: OPENED,
    limitHours: 8,
    deadline: DEADLINE,
    documentRequests: [],
    ...over,
  };
}

const result: TaskFact = { kind: 'record-result', officerId: 'OFFICER-1', result: 'passed', findings: [] };
const claim = (officerId = 'OFFICER-1'): TaskFact => ({ kind: 'claim', officerId });
const request: TaskFact = {
  kind: 'request-documents',
  officerId: 'OFFICER-1',
  requestId: 'r-1',
  documents: [{ code: 'HEALTH_CERTIFICATE', description: 'veterinary health certificate' }],
};

const refusal = (d: TaskDecision) => (d && 'refusal' in d ? d.refusal.code : null);
const transition = (d: TaskDecision) => (d && 'transition' in d ? d.transition : null);

/** Applies facts in order, as the repository would store each transition. */
function run(state: TaskState, at: Date, ...facts: TaskFact[]) {
  const announced: string[] = [];
  for (const fact of facts) {
    const t = transition(decide(state, fact, at, continuous));
    if (!t) continue;
    if (t.announce) announced.push(t.announce.event);
    state = { ...state, ...t.set };
  }
  return { state, announced };
}

describe('inspection task lifecycle', () => {
  it('lets an officer decide an open task before its deadline and announces it once', () => {
    const t = transition(decide(task(), result, BEFORE, continuous));
    expect(t).toEqual({
      set: { status: 'passed', officerId: 'OFFICER-1', findings: [], decidedAt: BEFORE },
      announce: {
        event: 'InspectionCompleted',
        result: 'passed',
        findings: [],
        officerId: 'OFFICER-1',
        timing: { decisionHours: 8, traderWaitHours: 0, withinLimit: true },
      },
    });
    const { state, announced } = run(task(), BEFORE, result, result, { kind: 'deadline-reached' });
    expect(state.status).toBe('passed');
    expect(announced).toEqual(['InspectionCompleted']);
  });

  it('refuses a task already decided with INSPECTION.TASK_CLOSED', () => {
    for (const status of ['passed', 'failed', 'deemed-approved', 'withdrawn'] as TaskStatus[]) {
      expect(refusal(decide(task({ status }), result, BEFORE, continuous))).toBe('INSPECTION.TASK_CLOSED');
      expect(refusal(decide(task({ status }), claim(), BEFORE, continuous))).toBe('INSPECTION.TASK_CLOSED');
    }
  });

  it('refuses an open task at or after its deadline with INSPECTION.DEADLINE_PASSED', () => {
    for (const at of [DEADLINE, new Date('2026-03-03T08:00:00Z')]) {
      expect(refusal(decide(task(), result, at, continuous))).toBe('INSPECTION.DEADLINE_PASSED');
      expect(refusal(decide(task(), request, at, continuous))).toBe('INSPECTION.DEADLINE_PASSED');
    }
  });

  it('keeps a claimed task for its claimant: others get INSPECTION.TASK_CLAIMED', () => {
    const claimed = transition(decide(task(), claim(), BEFORE, continuous));
    expect(claimed?.set).toEqual({ claimedBy: 'OFFICER-1', claimedAt: BEFORE });
    const taken = task({ claimedBy: 'OFFICER-1' });
    expect(decide(taken, claim(), BEFORE, continuous)).toBeNull();
    for (const fact of [claim('OFFICER-2'), { ...result, officerId: 'OFFICER-2' }]) {
      expect(refusal(decide(taken, fact, BEFORE, continuous))).toBe('INSPECTION.TASK_CLAIMED');
    }
    expect(transition(decide(taken, result, BEFORE, continuous))?.set.status).toBe('passed');
  });

  it('pauses the time limit while documents are awaited: no decision, no tacit approval, a claim is fine', () => {
    const t = transition(decide(task(), request, BEFORE, continuous));
    expect(t?.set).toEqual({ status: 'documents-requested', pausedAt: BEFORE });
    expect(t?.push?.documentRequests).toMatchObject({ requestId: 'r-1', requestedAt: BEFORE });
    expect(t?.announce?.event).toBe('DocumentsRequested');
    const waiting = task({ status: 'documents-requested', pausedAt: BEFORE });
    expect(refusal(decide(waiting, result, BEFORE, continuous))).toBe('INSPECTION.AWAITING_DOCUMENTS');
    expect(
      decide(waiting, { kind: 'deadline-reached' }, new Date('2026-03-09T00:00:00Z'), continuous),
    ).toBeNull();
    expect(transition(decide(waiting, claim(), new Date('2026-03-09T00:00:00Z'), continuous))).not.toBeNull();
  });

  it('resumes with the working hours that were left, and marks the requests answered', () => {
    // asked on Monday 10:00 with the limit ending at 14:00 (2.5 working hours left, lunch excluded)
    const waiting = task({
      status: 'documents-requested',
      deadline: cn('2026-03-02 14:00'),
      pausedAt: cn('2026-03-02 10:00'),
      documentRequests: [
        { requestId: 'r-1', officerId: 'O', documents: [], requestedAt: cn('2026-03-02 10:00') },
      ],
    });
    const answered = cn('2026-03-03 09:00');
    const t = transition(decide(waiting, { kind: 'documents-submitted' }, answered, agency));
    expect(t?.set.status).toBe('open');
    expect(t?.set.deadline).toEqual(cn('2026-03-03 11:30'));
    expect(t?.set.documentRequests?.[0].answeredAt).toEqual(answered);
    expect(t?.unset).toEqual(['pausedAt']);
    expect(decide(task(), { kind: 'documents-submitted' }, answered, agency)).toBeNull();
  });

  it("bills the trader's wait to the trader: the deadline moves by it and the decision's hours leave it out", () => {
    // opened Monday 08:30 with 4 working hours (due 14:00); documents asked for at 10:00, 1.5 h in
    const opened = task({
      openedAt: cn('2026-03-02 08:30'),
      deadline: cn('2026-03-02 14:00'),
      limitHours: 4,
    });
    const asked = transition(decide(opened, request, cn('2026-03-02 10:00'), agency))!;
    const waiting = { ...opened, ...asked.set, documentRequests: [asked.push!.documentRequests] };
    // answered on Tuesday 09:00: 23 elapsed hours, 6.5 of them working hours (the rest of Monday, 08:30-09:00)
    const answeredAt = cn('2026-03-03 09:00');
    const answered = transition(decide(waiting, { kind: 'documents-submitted' }, answeredAt, agency))!;
    const resumed = { ...waiting, ...answered.set, pausedAt: undefined };
    // Monday 14:00 plus the 6.5 working hours the trader took
    expect(resumed.deadline).toEqual(cn('2026-03-03 11:30'));

    // decided Tuesday 11:00: 10 working hours since the opening, 3.5 of them the agency's
    const decided = transition(decide(resumed, result, cn('2026-03-03 11:00'), agency));
    expect(decided?.announce).toMatchObject({
      timing: { decisionHours: 3.5, traderWaitHours: 23, withinLimit: true },
    });
    // left alone, it is deemed approved at 11:30 with exactly its 4 hours on the agency's count
    const deemed = transition(decide(resumed, { kind: 'deadline-reached' }, cn('2026-03-03 11:30'), agency));
    expect(deemed?.announce).toMatchObject({
      timing: { decisionHours: 4, traderWaitHours: 23, withinLimit: false },
    });
  });

  it('deems an open task approved once its deadline has passed, and only then', () => {
    expect(decide(task(), { kind: 'deadline-reached' }, BEFORE, continuous)).toBeNull();
    const t = transition(decide(task(), { kind: 'deadline-reached' }, DEADLINE, continuous));
    expect(t).toEqual({
      set: { status: 'deemed-approved', decidedAt: DEADLINE },
      // a lapse: the limit's hours, never within it
      announce: {
        event: 'InspectionDeemedApproved',
        timing: { decisionHours: 8, traderWaitHours: 0, withinLimit: false },
      },
    });
    const { announced } = run(task(), DEADLINE, { kind: 'deadline-reached' }, { kind: 'deadline-reached' });
    expect(announced).toEqual(['InspectionDeemedApproved']);
    expect(refusal(decide(task({ status: 'deemed-approved' }), result, DEADLINE, continuous))).toBe(
      'INSPECTION.TASK_CLOSED',
    );
  });

  it('closes an undecided task silently, with the reason, when the declaration goes or is amended', () => {
    const refused: TaskFact = { kind: 'close', status: 'closed', reason: 'release refused: no licence' };
    for (const status of ['open', 'documents-requested'] as TaskStatus[]) {
      const t = transition(
        decide(task({ status }), { kind: 'close', status: 'withdrawn', reason: 'r' }, BEFORE, continuous),
      );
      expect(t).toEqual({ set: { status: 'withdrawn', decidedAt: BEFORE, closedReason: 'r' } });
      expect(transition(decide(task({ status }), refused, BEFORE, continuous))).toEqual({
        set: { status: 'closed', decidedAt: BEFORE, closedReason: 'release refused: no licence' },
      });
    }
    const superseded: TaskFact = { kind: 'close', status: 'superseded', reason: 'superseded by version 2' };
    expect(decide(task({ status: 'passed' }), superseded, BEFORE, continuous)).toBeNull();
    const closed = task({ status: 'closed' });
    expect(decide(closed, refused, BEFORE, continuous)).toBeNull();
    expect(decide(closed, { kind: 'deadline-reached' }, DEADLINE, continuous)).toBeNull();
    expect(refusal(decide(closed, result, BEFORE, continuous))).toBe('INSPECTION.TASK_CLOSED');
  });

  it("tells the deadline watcher's open set to follow a reopening, drop a decision and keep the rest", () => {
    const watchOf = (state: TaskState, fact: TaskFact, at = BEFORE) => {
      const t = transition(decide(state, fact, at, continuous));
      return t && deadlineWatch(t);
    };
    expect(watchOf(task(), result)).toBe('drop');
    expect(watchOf(task(), { kind: 'deadline-reached' }, DEADLINE)).toBe('drop');
    expect(watchOf(task(), { kind: 'close', status: 'closed', reason: 'release refused' })).toBe('drop');
    expect(watchOf(task(), claim())).toBe('keep');
    expect(watchOf(task(), request)).toBe('keep');
    const paused = task({ status: 'documents-requested', pausedAt: new Date('2026-03-02T12:00:00Z') });
    const answeredAt = new Date('2026-03-02T13:00:00Z');
    expect(watchOf(paused, { kind: 'documents-submitted' }, answeredAt)).toEqual({
      watch: new Date('2026-03-02T17:00:00Z'),
    });
  });
});
