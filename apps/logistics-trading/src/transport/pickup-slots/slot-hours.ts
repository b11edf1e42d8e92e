/**
 * Slot arithmetic in a terminal's local time. A pickup slot is one local clock hour [start, end);
 * terminals keep a fixed UTC offset, so an hour is always 60 minutes long.
 */
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export interface TerminalHours {
  utcOffsetMinutes: number;
  /** ISO weekdays, 1 Monday ... 7 Sunday. */
  openWeekdays: number[];
  /** Whole hours 'HH:00'; closesAt '24:00' is midnight. */
  opensAt: string;
  closesAt: string;
}

export interface SlotHour {
  slotStart: Date;
  slotEnd: Date;
  /** Local date and hour, for people and for messages: '2026-03-02 10:00'. */
  local: string;
}

export function hourOfDay(wholeHour: string): number {
  return Number(wholeHour.slice(0, 2));
}

/** The local hour that contains the instant. */
export function slotHourOf(terminal: Pick<TerminalHours, 'utcOffsetMinutes'>, at: Date): SlotHour {
  const offsetMs = terminal.utcOffsetMinutes * MINUTE_MS;
  const localStart = Math.floor((at.getTime() + offsetMs) / HOUR_MS) * HOUR_MS;
  return {
    slotStart: new Date(localStart - offsetMs),
    slotEnd: new Date(localStart - offsetMs + HOUR_MS),
    local: new Date(localStart).toISOString().slice(0, 16).replace('T', ' '),
  };
}

/** Whether the terminal's gate takes pickups in the local hour that contains the instant. */
export function isOpenAt(terminal: TerminalHours, at: Date): boolean {
  const local = at.getTime() + terminal.utcOffsetMinutes * MINUTE_MS;
  const day = Math.floor(local / DAY_MS);
  // day 0 (1 January 1970) was a Thursday, ISO weekday 4
  const weekday = ((((day + 3) % 7) + 7) % 7) + 1;
  const hour = Math.floor((local - day * DAY_MS) / HOUR_MS);
  return (
    terminal.openWeekdays.includes(weekday) &&
    hour >= hourOfDay(terminal.opensAt) &&
    hour < hourOfDay(terminal.closesAt)
  );
}

/** The open slot hours of one local date ('YYYY-MM-DD'), in order; none on a closed day. */
export function slotHoursOfDay(terminal: TerminalHours, date: string): SlotHour[] {
  const localMidnight = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(localMidnight)) throw new RangeError(`${date} is not a date`);
  const midnight = localMidnight - terminal.utcOffsetMinutes * MINUTE_MS;
  const hours: SlotHour[] = [];
  for (let h = 0; h < 24; h++) {
    const start = new Date(midnight + h * HOUR_MS);
    if (isOpenAt(terminal, start)) hours.push(slotHourOf(terminal, start));
  }
  return hours;
}
