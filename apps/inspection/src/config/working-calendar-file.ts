import { Allow, IsIn, IsOptional, IsString } from 'class-validator';
import type { AgencyRegistry } from '@tongguan/agencies';
import {
  WorkingCalendar,
  workingCalendarProblems,
  type WorkingCalendarSettings,
  type WorkingPeriod,
} from '@tongguan/clock';
import { readJsonFile, validateDataFile } from '@tongguan/config';
import path from 'node:path';
import { INSPECTION_AGENCY } from '../tasks/task-deadline';
import type { InspectionConfig } from './inspection-config';

/**
 * A calendar file named by INSPECTION_CALENDAR_FILE (a port office's own hours, a simulated baseline).
 * The calendar fields are checked by the clock library (workingCalendarProblems); the class only
 * whitelists them, so every problem is reported once.
 */
export class WorkingCalendarFile implements WorkingCalendarSettings {
  @IsIn([1]) version: 1;
  @IsOptional() @IsString() description?: string;
  @Allow() utcOffsetMinutes: number;
  @Allow() workingWeekdays: number[];
  @Allow() workingPeriods: WorkingPeriod[];
  @Allow() holidays?: string[];
  @Allow() makeUpWorkingDays?: string[];
}

/** Validates parsed JSON into a calendar; the error lists every problem with its path. */
export function parseWorkingCalendar(raw: unknown, source = 'working calendar'): WorkingCalendar {
  const file = validateDataFile(WorkingCalendarFile, raw, `Working calendar in ${source}`, (value) =>
    workingCalendarProblems(value),
  );
  const { utcOffsetMinutes, workingWeekdays, workingPeriods, holidays, makeUpWorkingDays } = file;
  return new WorkingCalendar({
    utcOffsetMinutes,
    workingWeekdays,
    workingPeriods,
    holidays,
    makeUpWorkingDays,
  });
}

/** Reads and validates a calendar file; a missing or malformed file stops the service with its path. */
export function readWorkingCalendar(file: string): WorkingCalendar {
  return parseWorkingCalendar(readJsonFile(file, 'INSPECTION_CALENDAR_FILE'), path.resolve(file));
}

type CalendarSettings = Pick<InspectionConfig, 'INSPECTION_CALENDAR' | 'INSPECTION_CALENDAR_FILE'>;

/**
 * The calendar the settings name outright, read at boot so a bad file stops it with its name: elapsed
 * hours (INSPECTION_CALENDAR=continuous) or the file INSPECTION_CALENDAR_FILE names; null when they
 * leave it to the agency registry.
 */
export function calendarFromSettings(config: CalendarSettings): WorkingCalendar | null {
  if (config.INSPECTION_CALENDAR === 'continuous') return WorkingCalendar.continuous();
  return config.INSPECTION_CALENDAR_FILE ? readWorkingCalendar(config.INSPECTION_CALENDAR_FILE) : null;
}

/**
 * The calendar inspection's own task limits count on: the one the settings name, else the registry's
 * calendar of the inspection agency (config/agencies.json), the same its approval steps and the
 * scorecards count on (and elapsed hours when AGENCY_CALENDAR=continuous).
 */
export function inspectionCalendar(
  fromSettings: WorkingCalendar | null,
  registry: AgencyRegistry,
): WorkingCalendar {
  return fromSettings ?? registry.calendarOf(INSPECTION_AGENCY);
}
