import {
  answer,
  escalation,
  filed,
  reopen,
  take,
  type Actor,
  type ComplaintFacts,
  type Verdict,
  visibleTo,
} from './complaint-lifecycle';

const importer: Actor = { subject: 'TRADER-1', role: 'importer', party: 'TRADER-1' };
const wang: Actor = { subject: 'wang', role: 'supervisor', party: 'licensing' };
const li: Actor = { subject: 'li', role: 'supervisor', party: 'licensing' };
const at = (iso: string) => new Date(iso);
const FILED_AT = at('2026-03-06T08:00:00Z');
const DUE_AT = at('2026-03-11T01:30:00Z');

function complaint(overrides: Partial<ComplaintFacts> = {}): ComplaintFacts {
  const { history: _history, ...facts } = filed(
    { agency: 'licensing', step: 'licence-verification', subject: 'Licence check took a week' },
    importer,
    FILED_AT,
    { limitHours: 16, dueAt: DUE_AT },
  );
  return { ...facts, ...overrides };
}

/** The facts after a verdict's change, as the repository leaves them. */
function applied(c: ComplaintFacts, verdict: Verdict): ComplaintFacts {
  if (verdict.kind !== 'change') throw new Error(`expected a change, got ${JSON.stringify(verdict)}`);
  return { ...c, ...verdict.change.set };
}

describe('complaint lifecycle', () => {
  it('files a complaint with its limit and a first move naming the importer, the agency step and the subject', () => {
    const c = filed(
      { agency: 'licensing', step: 'licence-verification', subject: 'Licence check took a week' },
      importer,
      FILED_AT,
      { limitHours: 16, dueAt: DUE_AT },
    );
    expect(c).toMatchObject({
      status: 'filed',
      ownerId: null,
      escalated: false,
      limitHours: 16,
      dueAt: DUE_AT,
    });
    expect(c.history).toEqual([
      {
        move: 'filed',
        at: FILED_AT,
        by: 'TRADER-1',
        role: 'importer',
        why: 'about licensing/licence-verification: Licence check took a week',
      },
    ]);
  });

  it('gives the complaint to the first supervisor who takes it; the next one is refused, told who owns it', () => {
    const first = take(complaint(), wang, at('2026-03-06T09:00:00Z'));
    expect(first).toEqual({
      kind: 'change',
      change: {
        set: { status: 'taken', ownerId: 'wang', takenAt: at('2026-03-06T09:00:00Z') },
        move: expect.objectContaining({ move: 'taken', by: 'wang', role: 'supervisor' }),
      },
    });
    const owned = applied(complaint(), first);
    expect(take(owned, li, at('2026-03-06T09:01:00Z'))).toEqual({
      kind: 'refused',
      refusal: { code: 'ALREADY_OWNED', message: 'the complaint is owned by supervisor wang' },
    });
    expect(take(owned, wang, at('2026-03-06T09:02:00Z'))).toEqual({ kind: 'unchanged' });
  });

  it("routes the complaint to its agency's supervisors only, and shows it to its importer, them and ops", () => {
    const customs: Actor = { subject: 'zhao', role: 'supervisor', party: 'customs' };
    const officer: Actor = { subject: 'qian', role: 'agency', party: 'licensing' };
    for (const stranger of [customs, officer]) {
      expect(take(complaint(), stranger, FILED_AT)).toMatchObject({ refusal: { code: 'NOT_VISIBLE' } });
    }
    const owned = applied(complaint(), take(complaint(), wang, FILED_AT));
    expect(answer(owned, customs, 'Not mine.', FILED_AT)).toMatchObject({ refusal: { code: 'NOT_VISIBLE' } });
    const other: Actor = { subject: 'TRADER-2', role: 'importer', party: 'TRADER-2' };
    expect(
      [importer, wang, { subject: 'ops', role: 'ops', party: 'ops' }].map((r) => visibleTo(r, owned)),
    ).toEqual([true, true, true]);
    expect([other, customs, officer].map((r) => visibleTo(r, owned))).toEqual([false, false, false]);
  });

  it('lets only the owner answer, and only once it is taken', () => {
    expect(answer(complaint(), wang, 'Checked.', FILED_AT)).toMatchObject({
      kind: 'refused',
      refusal: { code: 'NOT_TAKEN' },
    });
    const owned = applied(complaint(), take(complaint(), wang, FILED_AT));
    expect(answer(owned, li, 'Checked.', FILED_AT)).toEqual({
      kind: 'refused',
      refusal: {
        code: 'NOT_OWNER',
        message: 'the complaint is owned by supervisor wang: only its owner answers it',
      },
    });
    const answered = applied(
      owned,
      answer(owned, wang, 'The licence was verified on Monday.', at('2026-03-09T02:00:00Z')),
    );
    expect(answered).toMatchObject({
      status: 'answered',
      answer: 'The licence was verified on Monday.',
      answeredAt: at('2026-03-09T02:00:00Z'),
    });
    expect(answer(answered, wang, 'Again.', FILED_AT)).toMatchObject({
      kind: 'refused',
      refusal: { code: 'ALREADY_ANSWERED' },
    });
    expect(take(answered, li, FILED_AT)).toMatchObject({
      kind: 'refused',
      refusal: { code: 'ALREADY_ANSWERED' },
    });
  });

  it('escalates an unanswered complaint once its dueAt has passed, and only once', () => {
    const c = complaint();
    expect(escalation(c, at('2026-03-11T01:29:59Z'))).toBeNull();
    const due = escalation(c, DUE_AT);
    expect(due).toEqual({
      set: { escalated: true, escalatedAt: DUE_AT },
      move: {
        move: 'escalated',
        at: DUE_AT,
        by: 'clearance-monitor',
        role: 'system',
        why: "not answered within 16 working hours of licensing's calendar (due 2026-03-11T01:30:00.000Z)",
      },
    });
    const escalated = { ...c, ...due!.set };
    expect(escalation(escalated, at('2026-03-12T00:00:00Z'))).toBeNull();
  });

  it('escalates a taken complaint left unanswered, never an answered one', () => {
    const owned = applied(complaint(), take(complaint(), wang, FILED_AT));
    expect(escalation(owned, DUE_AT)).not.toBeNull();
    const answered = applied(owned, answer(owned, wang, 'Done.', at('2026-03-11T01:00:00Z')));
    expect(escalation(answered, at('2026-03-20T00:00:00Z'))).toBeNull();
  });

  it('still lets an escalated complaint be taken and answered; it stays marked escalated', () => {
    const escalated = { ...complaint(), ...escalation(complaint(), DUE_AT)!.set };
    const owned = applied(escalated, take(escalated, li, at('2026-03-11T02:00:00Z')));
    const answered = applied(owned, answer(owned, li, 'Sorry for the delay.', at('2026-03-11T03:00:00Z')));
    expect(answered).toMatchObject({ status: 'answered', ownerId: 'li', escalated: true });
  });

  describe('reopen', () => {
    const policy = { windowDays: 7, dueFrom: (from: Date) => new Date(from.getTime() + 3_600_000) };
    const answeredAt = at('2026-03-09T02:00:00Z');
    const owned = applied(complaint(), take(complaint(), wang, FILED_AT));
    const answered = applied(owned, answer(owned, wang, 'Done.', answeredAt));

    it('sends an answered complaint back to its owner with a new limit, once', () => {
      const when = at('2026-03-10T00:00:00Z');
      const verdict = reopen(answered, importer, 'The licence is still not shown as verified.', when, policy);
      expect(verdict).toEqual({
        kind: 'change',
        change: {
          set: {
            status: 'taken',
            dueAt: at('2026-03-10T01:00:00Z'),
            reopenedAt: when,
            answer: null,
            answeredAt: null,
          },
          move: {
            move: 'reopened',
            at: when,
            by: 'TRADER-1',
            role: 'importer',
            why: 'The licence is still not shown as verified.',
          },
        },
      });
      const reopened = applied(answered, verdict);
      expect(reopened.ownerId).toBe('wang');
      const again = applied(reopened, answer(reopened, wang, 'Verified now.', at('2026-03-10T00:30:00Z')));
      expect(reopen(again, importer, 'Still not.', at('2026-03-10T01:00:00Z'), policy)).toMatchObject({
        kind: 'refused',
        refusal: { code: 'ALREADY_REOPENED' },
      });
    });

    it('refuses a complaint not answered, answered longer ago than the window, or filed by another importer', () => {
      const other: Actor = { subject: 'TRADER-2', role: 'importer', party: 'TRADER-2' };
      expect(reopen(answered, other, 'Why?', answeredAt, policy)).toMatchObject({
        refusal: { code: 'NOT_VISIBLE' },
      });
      expect(reopen(owned, importer, 'Why?', answeredAt, policy)).toMatchObject({
        kind: 'refused',
        refusal: { code: 'NOT_ANSWERED' },
      });
      expect(reopen(answered, importer, 'Why?', at('2026-03-16T02:00:01Z'), policy)).toEqual({
        kind: 'refused',
        refusal: {
          code: 'REOPEN_TOO_LATE',
          message: 'a complaint can be reopened within 7 days of its answer',
        },
      });
    });
  });
});
