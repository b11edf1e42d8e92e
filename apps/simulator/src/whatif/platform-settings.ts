import { parseAgencyRegistry, type AgencyRegistry, type AgencyRegistryData } from '@tongguan/agencies';
import type { WorkingCalendarSettings } from '@tongguan/clock';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeRegisterFile } from '../green-channel/simulated-register';
import type { PlatformLimits } from './limits-what-if';

/** The files and settings an isolated platform is started with, and the registry its services read. */
export interface PlatformSettings {
  env: Record<string, string>;
  registry: AgencyRegistry;
  /** Holds the files; remove() deletes it once the platform has stopped. */
  directory: string;
  remove(): void;
}

/** The calendar id the scenario's inspection calendar gets when it is not the registry's own. */
const SCENARIO_CALENDAR = 'scenario-inspection';

/**
 * Writes the agency registry the platform runs with (AGENCY_REGISTRY_FILE: the limits of the scenario
 * and the what-if, inspection on the scenario's calendar) and the green-channel register with the
 * simulator's traders (GREEN_CHANNEL_REGISTER_FILE), checked as the services will check them. Inspection
 * reads its task limits from the registry too: INSPECTION_LIMIT_HOURS_* stay unset, or they would
 * override it.
 */
export function writePlatformSettings(limits: PlatformLimits, calendarFile: string): PlatformSettings {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'tongguan-sim-'));
  const registryFile = path.join(directory, 'agencies.json');
  const data = withInspectionCalendar(limits.registry.data, readCalendarSettings(calendarFile), calendarFile);
  fs.writeFileSync(registryFile, `${JSON.stringify(data, null, 2)}\n`);
  const registry = parseAgencyRegistry(data, `what-if registry ${registryFile}`);
  return {
    env: {
      AGENCY_REGISTRY_FILE: registryFile,
      GREEN_CHANNEL_REGISTER_FILE: writeRegisterFile(directory),
    },
    registry,
    directory,
    remove: () => fs.rmSync(directory, { recursive: true, force: true }),
  };
}

function readCalendarSettings(file: string): WorkingCalendarSettings {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as WorkingCalendarSettings;
}

/**
 * Inspection's steps run on the scenario's calendar (the baseline's five-day week, say): when its week
 * or hours are not those of the registry's inspection calendar, it is added as a calendar of its own.
 * Its public holidays are the registry's (the scenario calendars list the same State Council notice).
 */
export function withInspectionCalendar(
  data: AgencyRegistryData,
  settings: WorkingCalendarSettings,
  file: string,
): AgencyRegistryData {
  const inspection = data.agencies.find((a) => a.id === 'inspection');
  const current = data.calendars.find((c) => c.id === inspection?.calendar);
  if (!inspection || !current) return data;
  const same =
    current.utcOffsetMinutes === settings.utcOffsetMinutes &&
    JSON.stringify(current.workingWeekdays) === JSON.stringify(settings.workingWeekdays) &&
    JSON.stringify(current.workingPeriods) === JSON.stringify(settings.workingPeriods);
  if (same) return data;
  return {
    ...data,
    calendars: [
      ...data.calendars.filter((c) => c.id !== SCENARIO_CALENDAR),
      {
        id: SCENARIO_CALENDAR,
        description: `The scenario's inspection calendar (${path.basename(file)}), with the registry's public holidays.`,
        utcOffsetMinutes: settings.utcOffsetMinutes,
        workingWeekdays: settings.workingWeekdays,
        workingPeriods: settings.workingPeriods,
        publicHolidays: true,
      },
    ],
    agencies: data.agencies.map((a) => (a.id === 'inspection' ? { ...a, calendar: SCENARIO_CALENDAR } : a)),
  };
}
