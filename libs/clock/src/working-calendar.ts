import { HOUR_MS } from './clock';
import {
  dayNumber,
  minutesOfDay,
  workingCalendarProblems,
  type WorkingCalendarSettings,
} from './working-calendar-settings';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * An agency's working calendar: time limits run only while the agency is open. Pure arithmetic on
 * instants (no Date.now, no tz database); give it the business time of the Clock.
 *
 * Periods are half-open: 08:30-12:00 is open at 08:30 and closed at 12:00. A limit that ends exactly
 * at a closing time ends then, not at the next opening.
 */
export class WorkingCalendar {
  private readonly offsetMs: number;
  private readonly weekdays: ReadonlySet<number>;
  /** [start, end) in ms after local midnight, in order. */
  private readonly periods: readonly (readonly [number, number])[];
  private readonly holidays: ReadonlySet<number>;
  private readonly makeUpDays: ReadonlySet<number>;

  /** Throws an error listing every bad field of the settings. */
  constructor(settings: WorkingCalendarSettings) {
    const problems = workingCalendarProblems(settings);
    if (problems.length > 0) throw new Error(`Invalid working calendar:\n  ${problems.join('\n  ')}`);
    this.offsetMs = settings.utcOffsetMinutes * MINUTE_MS;
    this.weekdays = new Set(settings.workingWeekdays);
    this.periods = settings.workingPeriods
      .map((p) => [minutesOfDay(p.start)! * MINUTE_MS, minutesOfDay(p.end)! * MINUTE_MS] as const)
      .sort((a, b) => a[0] - b[0]);
    this.holidays = new Set((settings.holidays ?? []).map((d) => dayNumber(d)!));
    this.makeUpDays = new Set((settings.makeUpWorkingDays ?? []).map((d) => dayNumber(d)!));
  }

  /** Every hour counts: limits in plain elapsed hours (demos, or an agency open around the clock). */
  static continuous(): WorkingCalendar {
    return new WorkingCalendar({
      utcOffsetMinutes: 0,
      workingWeekdays: [1, 2, 3, 4, 5, 6, 7],
      workingPeriods: [{ start: '00:00', end: '24:00' }],
    });
  }

  isWorkingTime(instant: Date | number): boolean {
    const t = instantMs('instant', instant);
    const day = this.localDay(t);
    if (!this.isOpenDay(day)) return false;
    const sinceMidnight = t - this.midnightOf(day);
    return this.periods.some(([start, end]) => start <= sinceMidnight && sinceMidnight < end);
  }

  /**
   * The instant at which `hours` of working time have elapsed, counting from `start`, or from the next
   * opening when `start` is outside working time (so zero hours from a Sunday is Monday's opening).
   * Closed days are skipped whole: the cost grows with the number of days, not of hours.
   */
  addWorkingHours(start: Date | number, hours: number): Date {
    let t = instantMs('start', start);
    if (!Number.isFinite(hours) || hours < 0) {
      throw new RangeError(`hours must be a finite number >= 0, got ${hours}`);
    }
    let remaining = Math.round(hours * HOUR_MS);
    // terminates: validation guarantees at least one open weekday with a non-empty period
    for (let day = this.localDay(t); ; day++) {
      if (!this.isOpenDay(day)) continue;
      const midnight = this.midnightOf(day);
      for (const [startMs, endMs] of this.periods) {
        const opens = midnight + startMs;
        const closes = midnight + endMs;
        if (closes <= t) continue;
        const from = Math.max(t, opens);
        if (remaining <= closes - from) return new Date(from + remaining);
        remaining -= closes - from;
        t = closes;
      }
    }
  }

  /** Working hours in [from, to); negative when `to` comes before `from`. */
  workingHoursBetween(from: Date | number, to: Date | number): number {
    const a = instantMs('from', from);
    const b = instantMs('to', to);
    if (b < a) return -this.workingHoursBetween(b, a);
    let total = 0;
    for (let day = this.localDay(a); day <= this.localDay(b); day++) {
      if (!this.isOpenDay(day)) continue;
      const midnight = this.midnightOf(day);
      for (const [startMs, endMs] of this.periods) {
        total += Math.max(0, Math.min(b, midnight + endMs) - Math.max(a, midnight + startMs));
      }
    }
    return total / HOUR_MS;
  }

  /**
   * The local dates (YYYY-MM-DD) of the next `count` open days, starting with the day of the instant if
   * it is open (booking a slot on "the first day with room" walks these).
   */
  openDaysFrom(instant: Date | number, count: number): string[] {
    const days: string[] = [];
    for (let day = this.localDay(instantMs('instant', instant)); days.length < count; day++) {
      if (this.isOpenDay(day)) days.push(new Date(day * DAY_MS).toISOString().slice(0, 10));
    }
    return days;
  }

  private isOpenDay(day: number): boolean {
    if (this.makeUpDays.has(day)) return true;
    return this.weekdays.has(isoWeekday(day)) && !this.holidays.has(day);
  }

  /** Days since 1970-01-01 of the local date at instant t. */
  private localDay(t: number): number {
    return Math.floor((t + this.offsetMs) / DAY_MS);
  }

  private midnightOf(day: number): number {
    return day * DAY_MS - this.offsetMs;
  }
}

/** 1970-01-01 was a Thursday (ISO 4). */
function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

function instantMs(name: string, value: Date | number): number {
  const ms = value instanceof Date ? value.getTime() : value;
  if (!Number.isFinite(ms)) throw new RangeError(`${name} must be a valid instant`);
  return ms;
}
