import { Clock } from './clock';
import { WorkingCalendar } from './working-calendar';
import { workingCalendarProblems, type WorkingCalendarSettings } from './working-calendar-settings';

/** Customs "5+1" in China: Monday-Saturday, 08:30-12:00 and 13:30-17:30 at UTC+8. */
const customs: WorkingCalendarSettings = {
  utcOffsetMinutes: 480,
  workingWeekdays: [1, 2, 3, 4, 5, 6],
  workingPeriods: [
    { start: '08:30', end: '12:00' },
    { start: '13:30', end: '17:30' },
  ],
};
const fiveDays: WorkingCalendarSettings = { ...customs, workingWeekdays: [1, 2, 3, 4, 5] };
/** Mid-Autumn (25-27 Sep), National Day (1-7 Oct) and the make-up Sunday 20 Sep of 2026. */
const autumn2026: WorkingCalendarSettings = {
  ...customs,
  holidays: ['2026-09-25', '2026-09-26', '2026-09-27', ...[1, 2, 3, 4, 5, 6, 7].map((d) => `2026-10-0${d}`)],
  makeUpWorkingDays: ['2026-09-20', '2026-10-10'],
};

/** A local time in China ('2026-03-02 08:30' is Monday 08:30 at UTC+8, i.e. 00:30Z). */
const cn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

const calendar = new WorkingCalendar(customs);

describe('WorkingCalendar.addWorkingHours', () => {
  it('counts within a morning and across the lunch break', () => {
    expect(calendar.addWorkingHours(cn('2026-03-02 09:00'), 2)).toEqual(cn('2026-03-02 11:00'));
    expect(calendar.addWorkingHours(cn('2026-03-02 11:00'), 2)).toEqual(cn('2026-03-02 14:30'));
  });

  it('continues at the next opening after the end of a working day', () => {
    expect(calendar.addWorkingHours(cn('2026-03-02 16:30'), 2)).toEqual(cn('2026-03-03 09:30'));
    // a full working day is 7.5 hours: 8 hours from the opening end half an hour into the next day
    expect(calendar.addWorkingHours(cn('2026-03-02 08:30'), 8)).toEqual(cn('2026-03-03 09:00'));
  });

  it('ends a limit that runs out exactly at closing time at the closing, not at the next opening', () => {
    expect(calendar.addWorkingHours(cn('2026-03-02 16:30'), 1)).toEqual(cn('2026-03-02 17:30'));
    expect(calendar.addWorkingHours(cn('2026-03-02 11:00'), 1)).toEqual(cn('2026-03-02 12:00'));
  });

  it('skips Sunday: Saturday late afternoon + 4 h is Monday morning', () => {
    // Saturday 7 March 16:30-17:30 gives 1 h, Monday 9 March 08:30-11:30 the other 3
    expect(calendar.addWorkingHours(cn('2026-03-07 16:30'), 4)).toEqual(cn('2026-03-09 11:30'));
  });

  it('runs on Saturday under "5+1" but waits for Monday under a five-day week', () => {
    const fridayEvening = cn('2026-03-06 16:30');
    expect(calendar.addWorkingHours(fridayEvening, 4)).toEqual(cn('2026-03-07 11:30'));
    expect(new WorkingCalendar(fiveDays).addWorkingHours(fridayEvening, 4)).toEqual(cn('2026-03-09 11:30'));
  });

  it('skips a holiday', () => {
    const withHoliday = new WorkingCalendar({ ...customs, holidays: ['2026-03-04'] });
    // Tuesday 16:30 + 4 h: 1 h on Tuesday, Wednesday closed, 3 h on Thursday
    expect(withHoliday.addWorkingHours(cn('2026-03-03 16:30'), 4)).toEqual(cn('2026-03-05 11:30'));
    expect(calendar.addWorkingHours(cn('2026-03-03 16:30'), 4)).toEqual(cn('2026-03-04 11:30'));
  });

  it('skips a run of holidays: a task left on the eve of National Day waits the whole week', () => {
    const autumn = new WorkingCalendar(autumn2026);
    // Wednesday 30 September 16:30: 1 h, then 1-7 October closed, Thursday 8 October 08:30 + 3 h
    expect(autumn.addWorkingHours(cn('2026-09-30 16:30'), 4)).toEqual(cn('2026-10-08 11:30'));
    // Thursday 24 September 16:30: Mid-Autumn closes Friday to Sunday, so Monday 28 September
    expect(autumn.addWorkingHours(cn('2026-09-24 16:30'), 4)).toEqual(cn('2026-09-28 11:30'));
  });

  it('works on a make-up Sunday', () => {
    const saturday = cn('2026-09-19 16:30');
    expect(new WorkingCalendar(autumn2026).addWorkingHours(saturday, 4)).toEqual(cn('2026-09-20 11:30'));
    expect(calendar.addWorkingHours(saturday, 4)).toEqual(cn('2026-09-21 11:30'));
  });

  it('starts counting at the next opening when it starts outside working time', () => {
    expect(calendar.addWorkingHours(cn('2026-03-02 07:00'), 1)).toEqual(cn('2026-03-02 09:30'));
    expect(calendar.addWorkingHours(cn('2026-03-02 12:30'), 1)).toEqual(cn('2026-03-02 14:30'));
    expect(calendar.addWorkingHours(cn('2026-03-02 20:00'), 1)).toEqual(cn('2026-03-03 09:30'));
    expect(calendar.addWorkingHours(cn('2026-03-08 10:00'), 1)).toEqual(cn('2026-03-09 09:30'));
  });

  it('gives zero hours as the start itself, or the next opening when closed', () => {
    const open = cn('2026-03-02 10:17');
    expect(calendar.addWorkingHours(open, 0)).toEqual(open);
    expect(calendar.addWorkingHours(cn('2026-03-08 10:00'), 0)).toEqual(cn('2026-03-09 08:30'));
    expect(calendar.addWorkingHours(cn('2026-03-02 12:00'), 0)).toEqual(cn('2026-03-02 13:30'));
  });

  it('counts fractional hours to the minute and second', () => {
    expect(calendar.addWorkingHours(cn('2026-03-02 11:45'), 0.25)).toEqual(cn('2026-03-02 12:00'));
    expect(calendar.addWorkingHours(cn('2026-03-02 11:45'), 0.5)).toEqual(cn('2026-03-02 13:45'));
    expect(calendar.addWorkingHours(cn('2026-03-02 08:30'), 1 / 3600)).toEqual(
      new Date('2026-03-02T00:30:01Z'),
    );
    // the green channel halves a 5-hour limit
    expect(calendar.addWorkingHours(cn('2026-03-02 10:00'), 2.5)).toEqual(cn('2026-03-02 14:00'));
  });

  it('counts in local time: the same instant is morning in China and still the day before in UTC', () => {
    expect(cn('2026-03-02 08:30')).toEqual(new Date('2026-03-02T00:30:00Z'));
    // Monday 00:30Z is 08:30 in China: open. A UTC calendar with the same hours is closed at 00:30Z.
    const utc = new WorkingCalendar({ ...customs, utcOffsetMinutes: 0 });
    const start = new Date('2026-03-02T00:30:00Z');
    expect(calendar.addWorkingHours(start, 1)).toEqual(new Date('2026-03-02T01:30:00Z'));
    expect(utc.addWorkingHours(start, 1)).toEqual(new Date('2026-03-02T09:30:00Z'));
    // Sunday 20:00Z is already Monday 04:00 in China, but not yet open
    expect(calendar.addWorkingHours(new Date('2026-03-01T20:00:00Z'), 1)).toEqual(
      new Date('2026-03-02T01:30:00Z'),
    );
  });

  it('counts west of UTC, where the local date lags the UTC date', () => {
    const newYork = new WorkingCalendar({
      utcOffsetMinutes: -300,
      workingWeekdays: [1, 2, 3, 4, 5],
      workingPeriods: [{ start: '09:00', end: '17:00' }],
    });
    // Friday 6 March 16:00 local is Friday 21:00Z; one hour later it is closing time
    expect(newYork.addWorkingHours(new Date('2026-03-06T21:00:00Z'), 1)).toEqual(
      new Date('2026-03-06T22:00:00Z'),
    );
    // Saturday 7 March 03:00Z is still Friday evening locally: closed until Monday 09:00 (14:00Z)
    expect(newYork.addWorkingHours(new Date('2026-03-07T03:00:00Z'), 2)).toEqual(
      new Date('2026-03-09T16:00:00Z'),
    );
  });

  it('handles limits of hundreds of hours and agrees with workingHoursBetween', () => {
    const autumn = new WorkingCalendar(autumn2026);
    const start = cn('2026-09-01 10:00');
    const end = autumn.addWorkingHours(start, 300);
    expect(autumn.workingHoursBetween(start, end)).toBe(300);
    // 6 h on 1 September, then 39 days of 7.5 h (24 in September with the make-up Sunday, none in
    // the National Day week, 15 in October) and 1.5 h on Monday 26 October
    expect(end).toEqual(cn('2026-10-26 10:00'));
    expect(calendar.addWorkingHours(start, 8760).getUTCFullYear()).toBe(2030);
  });

  it('keeps round trips exact from starts all over the week', () => {
    const autumn = new WorkingCalendar(autumn2026);
    for (let i = 0; i < 400; i++) {
      const start = new Date(cn('2026-09-14 00:00').getTime() + i * 2_017_000);
      const hours = (i % 37) / 4;
      const end = autumn.addWorkingHours(start, hours);
      expect(autumn.workingHoursBetween(start, end)).toBeCloseTo(hours, 9);
      if (hours > 0) expect(autumn.isWorkingTime(end.getTime() - 1)).toBe(true);
    }
  });

  it('refuses negative or non-finite hours and invalid starts', () => {
    expect(() => calendar.addWorkingHours(cn('2026-03-02 09:00'), -1)).toThrow(/hours/);
    expect(() => calendar.addWorkingHours(cn('2026-03-02 09:00'), Number.NaN)).toThrow(/hours/);
    expect(() => calendar.addWorkingHours(new Date('nonsense'), 1)).toThrow(/start/);
  });
});

describe('WorkingCalendar.isWorkingTime', () => {
  it('is open from the opening up to, not including, the closing', () => {
    expect(calendar.isWorkingTime(cn('2026-03-02 08:29'))).toBe(false);
    expect(calendar.isWorkingTime(cn('2026-03-02 08:30'))).toBe(true);
    expect(calendar.isWorkingTime(cn('2026-03-02 11:59'))).toBe(true);
    expect(calendar.isWorkingTime(cn('2026-03-02 12:00'))).toBe(false);
    expect(calendar.isWorkingTime(cn('2026-03-02 13:30'))).toBe(true);
    expect(calendar.isWorkingTime(cn('2026-03-02 17:30'))).toBe(false);
  });

  it('is closed on Sunday and holidays, open on Saturday and make-up days', () => {
    const autumn = new WorkingCalendar(autumn2026);
    expect(autumn.isWorkingTime(cn('2026-03-07 10:00'))).toBe(true);
    expect(autumn.isWorkingTime(cn('2026-03-08 10:00'))).toBe(false);
    expect(autumn.isWorkingTime(cn('2026-10-01 10:00'))).toBe(false);
    expect(autumn.isWorkingTime(cn('2026-09-20 10:00'))).toBe(true);
  });
});

describe('WorkingCalendar.workingHoursBetween', () => {
  it('counts a working week and nothing on closed days', () => {
    expect(calendar.workingHoursBetween(cn('2026-03-02 00:00'), cn('2026-03-09 00:00'))).toBe(45);
    expect(
      new WorkingCalendar(fiveDays).workingHoursBetween(cn('2026-03-02 00:00'), cn('2026-03-09 00:00')),
    ).toBe(37.5);
    expect(calendar.workingHoursBetween(cn('2026-03-08 00:00'), cn('2026-03-09 08:30'))).toBe(0);
    const autumn = new WorkingCalendar(autumn2026);
    expect(autumn.workingHoursBetween(cn('2026-10-01 00:00'), cn('2026-10-08 00:00'))).toBe(0);
  });

  it('is negative when the end comes first', () => {
    expect(calendar.workingHoursBetween(cn('2026-03-02 11:00'), cn('2026-03-02 09:00'))).toBe(-2);
  });
});

describe('WorkingCalendar.continuous', () => {
  it('counts plain elapsed hours, nights and Sundays included', () => {
    const continuous = WorkingCalendar.continuous();
    const start = new Date('2026-03-07T22:15:00Z');
    expect(continuous.addWorkingHours(start, 30)).toEqual(new Date('2026-03-09T04:15:00Z'));
    expect(continuous.workingHoursBetween(start, new Date('2026-03-08T22:15:00Z'))).toBe(24);
    expect(continuous.isWorkingTime(start)).toBe(true);
  });
});

describe('working calendar on the accelerated clock', () => {
  it('turns a deadline in working hours into the real delay to wait', () => {
    // CLOCK_SPEED 3600: one real second is one business hour
    let real = Date.parse('2026-01-01T00:00:00Z');
    const clock = new Clock(
      { epoch: cn('2026-03-07 16:30').toISOString(), speed: 3600, anchor: '2026-01-01T00:00:00Z' },
      () => real,
    );
    const deadline = calendar.addWorkingHours(clock.now(), 4);
    expect(deadline).toEqual(cn('2026-03-09 11:30'));
    // Saturday 16:30 to Monday 11:30 is 43 business hours: 43 real seconds
    expect(clock.realDelayUntil(deadline.getTime())).toBe(43_000);
    real += 43_000;
    expect(clock.now()).toEqual(deadline);
    expect(clock.realDelayUntil(deadline.getTime())).toBe(0);
  });
});

describe('working calendar settings', () => {
  it('accepts the customs calendar', () => {
    expect(workingCalendarProblems(autumn2026)).toEqual([]);
  });

  it('names every bad field at once', () => {
    const bad = {
      utcOffsetMinutes: 8,
      workingWeekdays: [1, 2, 0, 2],
      workingPeriods: [
        { start: '08:30', end: '12:00' },
        { start: '11:00', end: '17:30' },
        { start: '9:00', end: '25:00' },
        { start: '14:00', end: '13:00' },
        { start: '18:00', end: '19:00', lunch: true },
      ],
      holidays: ['2026-02-30', '2026-10-01', '2026-10-01'],
      makeUpWorkingDays: ['2026-10-01', 'Sunday'],
    };
    expect(() => new WorkingCalendar(bad as unknown as WorkingCalendarSettings)).toThrow(
      /Invalid working calendar/,
    );
    const problems = workingCalendarProblems({ ...bad, utcOffsetMinutes: 900 });
    expect(problems).toEqual([
      expect.stringMatching(/^utcOffsetMinutes: /),
      expect.stringMatching(/^workingWeekdays.2: must be an ISO weekday/),
      expect.stringMatching(/^workingWeekdays.3: weekday 2 is listed twice/),
      expect.stringMatching(/^workingPeriods.2.start: /),
      expect.stringMatching(/^workingPeriods.2.end: /),
      expect.stringMatching(/^workingPeriods.3.end: must come after its start 14:00/),
      'workingPeriods.4.lunch: unknown field',
      'workingPeriods.1: overlaps workingPeriods.0',
      'holidays.0: "2026-02-30" is not a date \'YYYY-MM-DD\'',
      'holidays.2: 2026-10-01 is listed twice',
      'makeUpWorkingDays.1: "Sunday" is not a date \'YYYY-MM-DD\'',
      'makeUpWorkingDays.0: 2026-10-01 is also listed as a holiday',
    ]);
  });

  it('requires some working time, so that every limit ends', () => {
    expect(workingCalendarProblems({ ...customs, workingWeekdays: [] })).toEqual([
      expect.stringMatching(/^workingWeekdays: must list at least one/),
    ]);
    expect(workingCalendarProblems({ ...customs, workingPeriods: [] })).toEqual([
      expect.stringMatching(/^workingPeriods: must list at least one/),
    ]);
    expect(workingCalendarProblems({ ...customs, utcOffsetMinutes: '+08:00' })).toEqual([
      expect.stringMatching(/^utcOffsetMinutes: /),
    ]);
    expect(workingCalendarProblems(null)).toEqual(['working calendar: must be an object']);
    expect(workingCalendarProblems({ ...customs, holidays: '2026-01-01' })).toEqual([
      "holidays: must be a list of local dates 'YYYY-MM-DD'",
    ]);
  });

  it('accepts a period ending at midnight and a make-up day that is open anyway', () => {
    const late = new WorkingCalendar({
      ...customs,
      workingPeriods: [{ start: '20:00', end: '24:00' }],
      makeUpWorkingDays: ['2026-03-07'],
    });
    expect(late.addWorkingHours(cn('2026-03-02 23:00'), 2)).toEqual(cn('2026-03-03 21:00'));
  });
});

describe('WorkingCalendar.openDaysFrom', () => {
  it('lists the open local days from an instant, skipping Sundays under "5+1" and Saturdays too under five days', () => {
    // Saturday 28 Feb 2026, 23:30 in China is still Saturday locally although it is 15:30Z
    expect(calendar.openDaysFrom(cn('2026-02-28 23:30'), 3)).toEqual([
      '2026-02-28',
      '2026-03-02',
      '2026-03-03',
    ]);
    expect(new WorkingCalendar(fiveDays).openDaysFrom(cn('2026-02-27 10:00'), 2)).toEqual([
      '2026-02-27',
      '2026-03-02',
    ]);
  });

  it('skips holidays and counts make-up working days', () => {
    expect(new WorkingCalendar(autumn2026).openDaysFrom(cn('2026-09-19 09:00'), 4)).toEqual([
      '2026-09-19',
      '2026-09-20',
      '2026-09-21',
      '2026-09-22',
    ]);
    expect(new WorkingCalendar(autumn2026).openDaysFrom(cn('2026-09-30 18:00'), 2)).toEqual([
      '2026-09-30',
      '2026-10-08',
    ]);
  });
});
