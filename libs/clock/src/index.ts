export * from './clock';
export * from './clock.module';
export * from './working-calendar';
export {
  workingCalendarProblems,
  type WorkingCalendarSettings,
  type WorkingPeriod,
} from './working-calendar-settings';
