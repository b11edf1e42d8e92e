import { isOpenAt, slotHourOf, slotHoursOfDay, type TerminalHours } from './slot-hours';

const shekou: TerminalHours = {
  utcOffsetMinutes: 480,
  openWeekdays: [1, 2, 3, 4, 5, 6],
  opensAt: '07:00',
  closesAt: '23:00',
};

describe('slotHourOf', () => {
  it('gives the local clock hour that contains the instant (UTC+8)', () => {
    // 02:37 UTC is 10:37 in Shenzhen: the 10:00-11:00 slot
    const slot = slotHourOf(shekou, new Date('2026-03-02T02:37:12Z'));
    expect(slot.slotStart.toISOString()).toBe('2026-03-02T02:00:00.000Z');
    expect(slot.slotEnd.toISOString()).toBe('2026-03-02T03:00:00.000Z');
    expect(slot.local).toBe('2026-03-02 10:00');
  });

  it('puts the first instant of an hour in that hour and the last millisecond in the previous one', () => {
    expect(slotHourOf(shekou, new Date('2026-03-02T03:00:00Z')).local).toBe('2026-03-02 11:00');
    expect(slotHourOf(shekou, new Date('2026-03-02T02:59:59.999Z')).local).toBe('2026-03-02 10:00');
  });

  it('follows half-hour offsets, where the local hour starts at :30 UTC', () => {
    const slot = slotHourOf({ utcOffsetMinutes: 330 }, new Date('2026-03-02T05:10:00Z'));
    expect(slot.slotStart.toISOString()).toBe('2026-03-02T04:30:00.000Z');
    expect(slot.local).toBe('2026-03-02 10:00');
  });

  it('crosses the local midnight into the next day', () => {
    // 16:30 UTC on 1 March is 00:30 on 2 March in Shenzhen
    expect(slotHourOf(shekou, new Date('2026-03-01T16:30:00Z')).local).toBe('2026-03-02 00:00');
  });
});

describe('isOpenAt', () => {
  it('opens at opensAt and closes at closesAt, local time', () => {
    expect(isOpenAt(shekou, new Date('2026-03-01T22:59:00Z'))).toBe(false); // Mon 06:59
    expect(isOpenAt(shekou, new Date('2026-03-01T23:00:00Z'))).toBe(true); // Mon 07:00
    expect(isOpenAt(shekou, new Date('2026-03-02T14:59:00Z'))).toBe(true); // Mon 22:59
    expect(isOpenAt(shekou, new Date('2026-03-02T15:00:00Z'))).toBe(false); // Mon 23:00
  });

  it('uses the local weekday: Sunday is closed even where UTC still says Saturday', () => {
    // Saturday 7 March 2026 20:00 UTC is Sunday 8 March 04:00 local; Saturday 10:00 local is open
    expect(isOpenAt({ ...shekou, opensAt: '00:00' }, new Date('2026-03-07T20:00:00Z'))).toBe(false);
    expect(isOpenAt(shekou, new Date('2026-03-07T02:00:00Z'))).toBe(true);
  });

  it('treats 24:00 as the end of the day for round-the-clock terminals', () => {
    const allDay = { ...shekou, openWeekdays: [1, 2, 3, 4, 5, 6, 7], opensAt: '00:00', closesAt: '24:00' };
    expect(isOpenAt(allDay, new Date('2026-03-07T15:59:00Z'))).toBe(true); // Sat 23:59
    expect(isOpenAt(allDay, new Date('2026-03-07T16:00:00Z'))).toBe(true); // Sun 00:00
  });

  it('works for instants before 1970 (negative day numbers)', () => {
    // 1 January 1969 was a Wednesday
    const wednesdays = { ...shekou, openWeekdays: [3], opensAt: '00:00', closesAt: '24:00' };
    expect(isOpenAt(wednesdays, new Date('1969-01-01T04:00:00Z'))).toBe(true);
    expect(isOpenAt(wednesdays, new Date('1969-01-02T04:00:00Z'))).toBe(false);
  });
});

describe('slotHoursOfDay', () => {
  it('lists the open hours of a local date', () => {
    const hours = slotHoursOfDay(shekou, '2026-03-02');
    expect(hours).toHaveLength(16);
    expect(hours[0].local).toBe('2026-03-02 07:00');
    expect(hours[0].slotStart.toISOString()).toBe('2026-03-01T23:00:00.000Z');
    expect(hours.at(-1)?.local).toBe('2026-03-02 22:00');
  });

  it('has no hours on a closed day', () => {
    expect(slotHoursOfDay(shekou, '2026-03-08')).toEqual([]);
  });
});
