import { Allow, IsIn, IsOptional, IsString } from 'class-validator';
import {
  WorkingCalendar,
  workingCalendarProblems,
  type WorkingCalendarSettings,
  type WorkingPeriod,
} from '@tongguan/clock';
import { readJsonFile, validateDataFile } from '@tongguan/config';
import { appConfigFile } from '@tongguan/platform';
import path from 'node:path';
import type { InspectionConfig } from './inspection-config';

/**
 * The agency calendar shipped as config/working-calendar.json: data to update every year when the State
 * Council publishes the next year's holidays. The calendar fields are checked by the clock library
 * (workingCalendarProblems); the class only whitelists them, so every problem is reported once.
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

/** The calendar shipped with the app, found from source (jest) and from dist/ alike. */
export function defaultWorkingCalendarFile(): string {
  return appConfigFile('inspection', 'working-calendar.json');
}

/** Reads and validates a calendar file; a missing or malformed file stops the service with its path. */
export function readWorkingCalendar(file: string = defaultWorkingCalendarFile()): WorkingCalendar {
  return parseWorkingCalendar(readJsonFile(file, 'INSPECTION_CALENDAR_FILE'), path.resolve(file));
}

/** The calendar task time limits count on, as the settings choose (INSPECTION_CALENDAR). */
export function loadWorkingCalendar(
  config: Pick<InspectionConfig, 'INSPECTION_CALENDAR' | 'INSPECTION_CALENDAR_FILE'>,
): WorkingCalendar {
  return config.INSPECTION_CALENDAR === 'continuous'
    ? WorkingCalendar.continuous()
    : readWorkingCalendar(config.INSPECTION_CALENDAR_FILE);
}
