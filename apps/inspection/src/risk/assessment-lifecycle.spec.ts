import {
  assessesAgain,
  latestOf,
  pendingOpening,
  taskToOpen,
  type AssessmentState,
} from './assessment-lifecycle';

const red = (over: Partial<AssessmentState> = {}): AssessmentState => ({
  channel: 'RED',
  taskId: 't-1',
  version: 1,
  ...over,
});

describe('risk assessment lifecycle', () => {
  it('opens the task of a YELLOW or RED assessment until it is opened', () => {
    expect(taskToOpen(red())).toEqual({ taskId: 't-1', channel: 'RED' });
    expect(taskToOpen(red({ channel: 'YELLOW' }))).toEqual({ taskId: 't-1', channel: 'YELLOW' });
    expect(taskToOpen(red({ taskOpenedAt: new Date() }))).toBeNull();
  });

  it('opens no task for GREEN, nor once the declaration is withdrawn or refused release', () => {
    expect(taskToOpen(red({ channel: 'GREEN', taskId: '' }))).toBeNull();
    expect(taskToOpen(red({ withdrawnAt: new Date() }))).toBeNull();
    expect(taskToOpen(red({ closedAt: new Date() }))).toBeNull();
  });

  it('assesses an amendment again once per newer version', () => {
    expect(assessesAgain(null, 2)).toBe(true);
    expect(assessesAgain({ version: 1 }, 2)).toBe(true);
    expect(assessesAgain({ version: 2 }, 2)).toBe(false);
    expect(assessesAgain({ version: 3 }, 2)).toBe(false);
  });

  it('opens a pending task the assessment still names, and drops one that can never open again', () => {
    const entry = { _id: 't-1', version: 1 };
    expect(pendingOpening(entry, red())).toBe('open');
    expect(pendingOpening(entry, red({ taskOpenedAt: new Date() }))).toBe('done');
    expect(pendingOpening(entry, red({ withdrawnAt: new Date() }))).toBe('done');
    expect(pendingOpening(entry, red({ closedAt: new Date() }))).toBe('done');
    // an amendment named another task: this one is superseded for good
    expect(pendingOpening(entry, red({ taskId: 't-2', version: 2 }))).toBe('done');
  });

  it('keeps a pending task whose assessment is not written yet', () => {
    expect(pendingOpening({ _id: 't-1', version: 1 }, null)).toBe('unwritten');
    // the amendment's entry is written before the amended assessment
    expect(pendingOpening({ _id: 't-2', version: 2 }, red())).toBe('unwritten');
  });

  it("takes the shipment's last assessed declaration as its latest", () => {
    const at = (iso: string, id: string) => ({ id, assessedAt: new Date(iso) });
    expect(latestOf([])).toBeNull();
    expect(
      latestOf([
        at('2026-03-02T08:00:00Z', 'a'),
        at('2026-03-02T09:00:00Z', 'b'),
        at('2026-03-02T07:00:00Z', 'c'),
      ])?.id,
    ).toBe('b');
  });
});
