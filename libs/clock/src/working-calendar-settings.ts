/** A span of working time within a local day, 'HH:MM' to 'HH:MM' ('24:00' ends at midnight). */
export interface WorkingPeriod {
  start: string;
  end: string;
}

/**
 * An agency's working calendar as plain data (a JSON file can hold it as is).
 *
 * The time zone is a fixed UTC offset rather than an IANA zone: China has had no daylight saving time
 * since 1991, so +480 is exact all year, and the calendar stays pure arithmetic that does not depend on
 * the tz database of the machine it runs on. A region with DST would need a zone instead.
 */
export interface WorkingCalendarSettings {
  /** Minutes east of UTC of the agency's local time (+480 for China). */
  utcOffsetMinutes: number;
  /** ISO weekdays that are normally open, 1 = Monday ... 7 = Sunday (customs "5+1": 1-6). */
  workingWeekdays: number[];
  /** Open hours of every working day, in local time; several periods leave room for a lunch break. */
  workingPeriods: WorkingPeriod[];
  /** Local dates 'YYYY-MM-DD' that are closed although their weekday is normally open. */
  holidays?: string[];
  /**
   * Local dates that are open although normally closed (the Chinese adjusted working days, 调休上班).
   * A date that is open anyway changes nothing, so a State Council list can be copied as it stands.
   */
  makeUpWorkingDays?: string[];
}

const TIME = /^(\d{2}):(\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MINUTES = 24 * 60;

/** Minutes after local midnight of 'HH:MM' ('24:00' allowed), or null when it is not such a time. */
export function minutesOfDay(value: unknown): number | null {
  const match = typeof value === 'string' ? TIME.exec(value) : null;
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minutes <= DAY_MINUTES ? minutes : null;
}

/** Days since 1970-01-01 of a local date 'YYYY-MM-DD', or null when it is not a real date. */
export function dayNumber(value: unknown): number | null {
  if (typeof value !== 'string' || !DATE.test(value)) return null;
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) return null;
  return ms / 86_400_000;
}

/**
 * Every problem of a settings object, each as 'path: message' (paths as in validateDataFile), so that a
 * file is fixed in one go. Copes with any input, since it also checks parsed JSON.
 */
export function workingCalendarProblems(settings: unknown): string[] {
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
    return ['working calendar: must be an object'];
  }
  const s = settings as Record<string, unknown>;
  const problems: string[] = [];
  const offset = s.utcOffsetMinutes;
  if (!Number.isInteger(offset) || (offset as number) < -720 || (offset as number) > 840) {
    problems.push('utcOffsetMinutes: must be a whole number of minutes from -720 to 840 (+480 is UTC+8)');
  }
  problems.push(...weekdayProblems(s.workingWeekdays), ...periodProblems(s.workingPeriods));
  const holidays = dateProblems('holidays', s.holidays, problems);
  const makeUp = dateProblems('makeUpWorkingDays', s.makeUpWorkingDays, problems);
  makeUp.forEach((day, i) => {
    if (day !== null && holidays.includes(day)) {
      const date = String((s.makeUpWorkingDays as unknown[])[i]);
      problems.push(`makeUpWorkingDays.${i}: ${date} is also listed as a holiday`);
    }
  });
  return problems;
}

function weekdayProblems(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    return ['workingWeekdays: must list at least one ISO weekday (1 = Monday ... 7 = Sunday)'];
  }
  const problems: string[] = [];
  value.forEach((day, i) => {
    if (!Number.isInteger(day) || day < 1 || day > 7) {
      problems.push(`workingWeekdays.${i}: must be an ISO weekday from 1 (Monday) to 7 (Sunday)`);
    } else if (value.indexOf(day) !== i) {
      problems.push(`workingWeekdays.${i}: weekday ${day} is listed twice`);
    }
  });
  return problems;
}

function periodProblems(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    return ['workingPeriods: must list at least one period { "start": "HH:MM", "end": "HH:MM" }'];
  }
  const problems: string[] = [];
  const valid: { i: number; start: number; end: number }[] = [];
  value.forEach((period: unknown, i) => {
    if (period === null || typeof period !== 'object' || Array.isArray(period)) {
      problems.push(`workingPeriods.${i}: must be an object { "start": "HH:MM", "end": "HH:MM" }`);
      return;
    }
    const p = period as Record<string, unknown>;
    for (const key of Object.keys(p)) {
      if (key !== 'start' && key !== 'end') problems.push(`workingPeriods.${i}.${key}: unknown field`);
    }
    const start = minutesOfDay(p.start);
    const end = minutesOfDay(p.end);
    if (start === null || start === DAY_MINUTES) {
      problems.push(`workingPeriods.${i}.start: must be a local time HH:MM from 00:00 to 23:59`);
    }
    if (end === null)
      problems.push(`workingPeriods.${i}.end: must be a local time HH:MM from 00:01 to 24:00`);
    if (start === null || end === null || start === DAY_MINUTES) return;
    if (end <= start) problems.push(`workingPeriods.${i}.end: must come after its start ${String(p.start)}`);
    else valid.push({ i, start, end });
  });
  valid.sort((a, b) => a.start - b.start);
  for (let k = 1; k < valid.length; k++) {
    if (valid[k].start < valid[k - 1].end) {
      problems.push(`workingPeriods.${valid[k].i}: overlaps workingPeriods.${valid[k - 1].i}`);
    }
  }
  return problems;
}

/** Checks an optional list of local dates; returns their day numbers (null where invalid). */
function dateProblems(field: string, value: unknown, problems: string[]): (number | null)[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(`${field}: must be a list of local dates 'YYYY-MM-DD'`);
    return [];
  }
  const days = value.map(dayNumber);
  days.forEach((day, i) => {
    if (day === null) problems.push(`${field}.${i}: ${JSON.stringify(value[i])} is not a date 'YYYY-MM-DD'`);
    else if (days.indexOf(day) !== i) problems.push(`${field}.${i}: ${String(value[i])} is listed twice`);
  });
  return days;
}
