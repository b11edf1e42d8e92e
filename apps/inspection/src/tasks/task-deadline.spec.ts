import { readAgencyRegistry } from '@tongguan/agencies';
import { WorkingCalendar } from '@tongguan/clock';
import { kindOf, taskDeadline, taskLimits } from './task-deadline';

const registry = readAgencyRegistry({});
/** The registry's limits: document check 4 h (green 2), physical inspection 8 h (green 4). */
const limits = taskLimits({}, registry);
/** The registry's inspection calendar: Monday-Saturday, 08:30-12:00 and 13:30-17:30 at UTC+8. */
const agency = registry.calendarOf('inspection');
const continuous = WorkingCalendar.continuous();
/** Monday 2 March 2026, 08:30 in China. */
const mondayOpening = new Date('2026-03-02T00:30:00Z');
const cn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

describe('taskDeadline on the agency calendar', () => {
  it('gives a document check 4 working hours and a physical inspection 8', () => {
    expect(taskDeadline(mondayOpening, 'YELLOW', false, limits, agency)).toEqual({
      limitHours: 4,
      deadline: cn('2026-03-02 14:00'),
    });
    // 7.5 working hours on Monday, the last half hour on Tuesday morning
    expect(taskDeadline(mondayOpening, 'RED', false, limits, agency)).toEqual({
      limitHours: 8,
      deadline: cn('2026-03-03 09:00'),
    });
  });

  it("takes the green channel's limits from the registry, and halves an overriding limit", () => {
    expect(taskDeadline(mondayOpening, 'YELLOW', true, limits, agency)).toEqual({
      limitHours: 2,
      deadline: cn('2026-03-02 10:30'),
    });
    const { limitHours, deadline } = taskDeadline(
      mondayOpening,
      'RED',
      true,
      taskLimits({ INSPECTION_LIMIT_HOURS_RED: 5 }, registry),
      agency,
    );
    expect(limitHours).toBe(2.5);
    expect(deadline).toEqual(cn('2026-03-02 11:00'));
  });

  it('starts counting at the next opening for a task opened at night or on Sunday', () => {
    expect(taskDeadline(cn('2026-03-02 22:00'), 'YELLOW', false, limits, agency).deadline).toEqual(
      cn('2026-03-03 14:00'),
    );
    expect(taskDeadline(cn('2026-03-08 10:00'), 'YELLOW', false, limits, agency).deadline).toEqual(
      cn('2026-03-09 14:00'),
    );
  });

  it('works on Saturday ("5+1") and not through the Labour Day holidays', () => {
    // Saturday 2 May is a holiday in 2026; Saturday 9 May is a working day anyway
    expect(taskDeadline(cn('2026-03-07 16:30'), 'YELLOW', false, limits, agency).deadline).toEqual(
      cn('2026-03-09 11:30'),
    );
    expect(taskDeadline(cn('2026-04-30 16:30'), 'YELLOW', false, limits, agency).deadline).toEqual(
      cn('2026-05-06 11:30'),
    );
  });
});

describe('taskDeadline on a continuous calendar', () => {
  it('counts plain elapsed hours, across midnight', () => {
    const late = new Date('2026-03-02T22:00:00Z');
    expect(taskDeadline(late, 'RED', false, limits, continuous)).toEqual({
      limitHours: 8,
      deadline: new Date('2026-03-03T06:00:00Z'),
    });
  });
});

describe('taskLimits', () => {
  it("are the registry's inspection steps unless INSPECTION_LIMIT_HOURS_YELLOW/RED override them", () => {
    expect(limits).toEqual({
      'document-check': { hours: 4, greenHours: 2 },
      'physical-inspection': { hours: 8, greenHours: 4 },
    });
    const cut = registry.withLimitsScaled(0.5, (owner) => owner === 'inspection');
    expect(taskLimits({}, cut)['physical-inspection']).toEqual({ hours: 4, greenHours: 2 });
    expect(taskLimits({ INSPECTION_LIMIT_HOURS_YELLOW: 3 }, cut)).toEqual({
      'document-check': { hours: 3, greenHours: 1.5 },
      'physical-inspection': { hours: 4, greenHours: 2 },
    });
  });
});

describe('kindOf', () => {
  it('maps YELLOW to a document check and RED to a physical inspection', () => {
    expect(kindOf('YELLOW')).toBe('document-check');
    expect(kindOf('RED')).toBe('physical-inspection');
  });
});
