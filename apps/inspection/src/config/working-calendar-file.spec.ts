import { readAgencyRegistry } from '@tongguan/agencies';
import { ConfigError } from '@tongguan/config';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  calendarFromSettings,
  inspectionCalendar,
  parseWorkingCalendar,
  readWorkingCalendar,
} from './working-calendar-file';

/** A port office's own calendar as a file: '5+1' hours, two holidays and a make-up working Sunday. */
function calendarFile(): Record<string, any> {
  return {
    version: 1,
    description: 'a port office',
    utcOffsetMinutes: 480,
    workingWeekdays: [1, 2, 3, 4, 5, 6],
    workingPeriods: [
      { start: '08:30', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ],
    holidays: ['2026-10-01', '2026-10-02'],
    makeUpWorkingDays: ['2026-09-20'],
  };
}

function tempFile(content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'working-calendar-'));
  const file = path.join(dir, 'calendar.json');
  fs.writeFileSync(file, content);
  return file;
}

const cn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const registry = readAgencyRegistry({});

describe('the calendar of inspection task limits', () => {
  it("is the registry's inspection calendar unless a setting names one: '5+1', 2026 public holidays", () => {
    expect(calendarFromSettings({ INSPECTION_CALENDAR: 'working' })).toBeNull();
    const calendar = inspectionCalendar(null, registry);
    expect(calendar).toBe(registry.calendarOf('inspection'));
    expect(calendar.isWorkingTime(cn('2026-03-07 09:00'))).toBe(true); // Saturday
    expect(calendar.isWorkingTime(cn('2026-03-08 09:00'))).toBe(false); // Sunday
    expect(calendar.isWorkingTime(cn('2026-03-09 12:30'))).toBe(false); // lunch
    for (const holiday of [
      '2026-01-01',
      '2026-02-17',
      '2026-04-06',
      '2026-05-05',
      '2026-06-19',
      '2026-10-07',
    ])
      expect(calendar.isWorkingTime(cn(`${holiday} 10:00`))).toBe(false);
    // make-up working Sundays
    expect(calendar.isWorkingTime(cn('2026-01-04 10:00'))).toBe(true);
    expect(calendar.isWorkingTime(cn('2026-09-20 10:00'))).toBe(true);
  });

  it('counts elapsed hours when the registry does (AGENCY_CALENDAR=continuous)', () => {
    const continuous = readAgencyRegistry({}, { continuous: true });
    expect(inspectionCalendar(null, continuous).isWorkingTime(cn('2026-03-08 03:00'))).toBe(true);
  });

  it('is the file INSPECTION_CALENDAR_FILE names, or elapsed hours without any file when continuous', () => {
    const raw = calendarFile();
    raw.workingWeekdays = [1, 2, 3, 4, 5];
    const file = tempFile(JSON.stringify(raw));
    const fiveDays = calendarFromSettings({ INSPECTION_CALENDAR: 'working', INSPECTION_CALENDAR_FILE: file });
    expect(inspectionCalendar(fiveDays, registry)).toBe(fiveDays);
    expect(fiveDays?.isWorkingTime(cn('2026-03-07 09:00'))).toBe(false);
    const continuous = calendarFromSettings({
      INSPECTION_CALENDAR: 'continuous',
      INSPECTION_CALENDAR_FILE: '/nonexistent/calendar.json',
    });
    expect(continuous?.isWorkingTime(cn('2026-03-08 03:00'))).toBe(true);
  });

  it('keeps the copy of the calendar in apps/inspection/config in step with the registry', () => {
    // the simulator's single-window scenario still reads that file as its inspectors' calendar
    const copy = readWorkingCalendar(path.join(__dirname, '..', '..', 'config', 'working-calendar.json'));
    const registryCalendar = registry.calendarOf('inspection');
    for (let day = 0; day < 365; day++) {
      const instant = new Date(Date.parse('2026-01-01T02:00:00Z') + day * 86_400_000);
      expect([day, copy.isWorkingTime(instant)]).toEqual([day, registryCalendar.isWorkingTime(instant)]);
    }
  });
});

describe('a working calendar file', () => {
  it('names a missing file and a file that is not JSON', () => {
    expect(() => readWorkingCalendar('/nonexistent/calendar.json')).toThrow(
      /INSPECTION_CALENDAR_FILE \/nonexistent\/calendar.json cannot be read/,
    );
    expect(() => readWorkingCalendar(tempFile('{ not json'))).toThrow(/is not valid JSON/);
  });

  it('lists every problem with its path at once', () => {
    const raw = calendarFile();
    raw.version = 2;
    raw.utcOffsetMinutes = '+08:00';
    raw.workingWeekdays = [1, 2, 8];
    raw.workingPeriods[1].end = '12:30';
    raw.workingPeriods[1].start = '11:00';
    raw.holidays[1] = '2026-02-30';
    raw.makeUpWorkingDays.push(raw.holidays[0]);
    raw.weekend = 'Sunday';
    let error: unknown;
    try {
      parseWorkingCalendar(raw, 'calendar.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Working calendar in calendar.json invalid:/);
    for (const p of [
      'version',
      'weekend',
      'utcOffsetMinutes',
      'workingWeekdays.2',
      'workingPeriods.1',
      'holidays.1',
      'makeUpWorkingDays.1',
    ]) {
      expect(message).toContain(`\n  ${p}:`);
    }
  });

  it('refuses a file that is not an object', () => {
    expect(() => parseWorkingCalendar([], 'x.json')).toThrow(/the file must hold a JSON object/);
  });
});
