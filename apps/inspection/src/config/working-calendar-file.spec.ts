import { ConfigError } from '@tongguan/config';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  defaultWorkingCalendarFile,
  loadWorkingCalendar,
  parseWorkingCalendar,
  readWorkingCalendar,
} from './working-calendar-file';

function shippedCalendar(): Record<string, any> {
  return JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', '..', 'config', 'working-calendar.json'), 'utf8'),
  );
}

function tempFile(content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'working-calendar-'));
  const file = path.join(dir, 'calendar.json');
  fs.writeFileSync(file, content);
  return file;
}

const cn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

describe('working calendar file', () => {
  it('ships the agency calendar, found by default: "5+1" with the 2026 public holidays', () => {
    expect(fs.existsSync(defaultWorkingCalendarFile())).toBe(true);
    const calendar = readWorkingCalendar();
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
    ]) {
      expect(calendar.isWorkingTime(cn(`${holiday} 10:00`))).toBe(false);
    }
    // make-up working Sundays
    expect(calendar.isWorkingTime(cn('2026-01-04 10:00'))).toBe(true);
    expect(calendar.isWorkingTime(cn('2026-09-20 10:00'))).toBe(true);
  });

  it('loads a file named by path, or no file at all for a continuous calendar', () => {
    const raw = shippedCalendar();
    raw.workingWeekdays = [1, 2, 3, 4, 5];
    const file = tempFile(JSON.stringify(raw));
    const fiveDays = loadWorkingCalendar({ INSPECTION_CALENDAR: 'working', INSPECTION_CALENDAR_FILE: file });
    expect(fiveDays.isWorkingTime(cn('2026-03-07 09:00'))).toBe(false);
    const continuous = loadWorkingCalendar({
      INSPECTION_CALENDAR: 'continuous',
      INSPECTION_CALENDAR_FILE: '/nonexistent/calendar.json',
    });
    expect(continuous.isWorkingTime(cn('2026-03-08 03:00'))).toBe(true);
  });

  it('names a missing file and a file that is not JSON', () => {
    expect(() => readWorkingCalendar('/nonexistent/calendar.json')).toThrow(
      /INSPECTION_CALENDAR_FILE \/nonexistent\/calendar.json cannot be read/,
    );
    expect(() => readWorkingCalendar(tempFile('{ not json'))).toThrow(/is not valid JSON/);
  });

  it('lists every problem with its path at once', () => {
    const raw = shippedCalendar();
    raw.version = 2;
    raw.utcOffsetMinutes = '+08:00';
    raw.workingWeekdays = [1, 2, 8];
    raw.workingPeriods[1].end = '12:30';
    raw.workingPeriods[1].start = '11:00';
    raw.holidays[3] = '2026-02-30';
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
      'holidays.3',
      'makeUpWorkingDays.6',
    ]) {
      expect(message).toContain(`\n  ${p}:`);
    }
  });

  it('refuses a file that is not an object', () => {
    expect(() => parseWorkingCalendar([], 'x.json')).toThrow(/the file must hold a JSON object/);
  });
});
