import { kindOf, taskDeadline } from './task-deadline';

const limits = { yellowHours: 4, redHours: 8 };
const openedAt = new Date('2026-03-02T08:00:00Z');

describe('taskDeadline', () => {
  it('gives a document check 4 hours and a physical inspection 8', () => {
    expect(taskDeadline(openedAt, 'YELLOW', false, limits)).toEqual({
      limitHours: 4,
      deadline: new Date('2026-03-02T12:00:00Z'),
    });
    expect(taskDeadline(openedAt, 'RED', false, limits)).toEqual({
      limitHours: 8,
      deadline: new Date('2026-03-02T16:00:00Z'),
    });
  });

  it('halves the limit for the green channel', () => {
    expect(taskDeadline(openedAt, 'YELLOW', true, limits)).toEqual({
      limitHours: 2,
      deadline: new Date('2026-03-02T10:00:00Z'),
    });
    expect(taskDeadline(openedAt, 'RED', true, { yellowHours: 4, redHours: 5 }).limitHours).toBe(2.5);
  });

  it('counts plain elapsed hours, across midnight', () => {
    const late = new Date('2026-03-02T22:00:00Z');
    expect(taskDeadline(late, 'RED', false, limits).deadline).toEqual(new Date('2026-03-03T06:00:00Z'));
  });
});

describe('kindOf', () => {
  it('maps YELLOW to a document check and RED to a physical inspection', () => {
    expect(kindOf('YELLOW')).toBe('document-check');
    expect(kindOf('RED')).toBe('physical-inspection');
  });
});
