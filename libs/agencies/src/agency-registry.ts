import { WorkingCalendar, type WorkingCalendarSettings } from '@tongguan/clock';

/** A name in both languages of the platform's users. */
export interface LocalizedName {
  en: string;
  'zh-CN': string;
}

/** One timed step of an agency (or of the trader): its limit in working hours of the owner's calendar. */
export interface StepDefinition {
  id: string;
  name: LocalizedName;
  limitHours: number;
  /** The green channel's shorter limit; the ordinary limit when unset. */
  greenLimitHours?: number;
  /** Whether the law lets the step be deemed approved when its limit passes. */
  tacitApproval: boolean;
}

export interface CalendarDefinition extends WorkingCalendarSettings {
  id: string;
  description?: string;
  /** Whether the registry's public holidays and make-up working days apply. */
  publicHolidays: boolean;
}

export interface AgencyDefinition {
  id: string;
  name: LocalizedName;
  /**
   * The token role of its officers. 'agency' means role agency with party = this agency's id, so an
   * agency added to the registry needs no new role.
   */
  officerRole: string;
  calendar: string;
  /** Working hours within which a complaint about this agency must be answered before it escalates. */
  complaintLimitHours: number;
  /** The share of decisions within limit the agency's supervisor is held to (0..1). */
  withinLimitTarget: number;
  steps: StepDefinition[];
}

export interface AgencyRegistryData {
  version: 1;
  description?: string;
  sources?: string[];
  publicHolidays: { holidays: string[]; makeUpWorkingDays: string[] };
  calendars: CalendarDefinition[];
  agencies: AgencyDefinition[];
  traderSteps: { calendar: string; steps: StepDefinition[] };
}

/** The party that owns a step's time: an agency id, or 'trader' for the trader's own steps. */
export const TRADER = 'trader';

/**
 * The approving agencies, their calendars, steps and time limits (config/agencies.json). Pure: deadlines
 * are arithmetic on the instants it is given. `continuous` counts every hour (demos that should not wait
 * for Monday), whatever the calendars say.
 */
export class AgencyRegistry {
  private readonly calendars = new Map<string, WorkingCalendar>();

  constructor(
    readonly data: AgencyRegistryData,
    private readonly options: { continuous?: boolean } = {},
  ) {
    for (const c of data.calendars) {
      const { holidays, makeUpWorkingDays } = c.publicHolidays
        ? data.publicHolidays
        : { holidays: [], makeUpWorkingDays: [] };
      this.calendars.set(
        c.id,
        new WorkingCalendar({
          utcOffsetMinutes: c.utcOffsetMinutes,
          workingWeekdays: c.workingWeekdays,
          workingPeriods: c.workingPeriods,
          holidays,
          makeUpWorkingDays,
        }),
      );
    }
  }

  get agencies(): readonly AgencyDefinition[] {
    return this.data.agencies;
  }

  agency(id: string): AgencyDefinition | undefined {
    return this.data.agencies.find((a) => a.id === id);
  }

  /** The step of an agency, or of the trader when `owner` is 'trader'. */
  step(owner: string, stepId: string): StepDefinition | undefined {
    const steps = owner === TRADER ? this.data.traderSteps.steps : this.agency(owner)?.steps;
    return steps?.find((s) => s.id === stepId);
  }

  /** The calendar an owner's limits count on (the trader's own, or the agency's). */
  calendarOf(owner: string): WorkingCalendar {
    if (this.options.continuous) return WorkingCalendar.continuous();
    const id = owner === TRADER ? this.data.traderSteps.calendar : this.agency(owner)?.calendar;
    const calendar = id === undefined ? undefined : this.calendars.get(id);
    if (!calendar) throw new Error(`no agency ${owner} in the registry`);
    return calendar;
  }

  limitHours(owner: string, stepId: string, greenChannel: boolean): number {
    const step = this.step(owner, stepId);
    if (!step) throw new Error(`no step ${owner}/${stepId} in the registry`);
    return greenChannel ? (step.greenLimitHours ?? step.limitHours) : step.limitHours;
  }

  /** When a step opened at `openedAt` reaches its limit, counted on its owner's working calendar. */
  dueAt(
    owner: string,
    stepId: string,
    openedAt: Date,
    greenChannel: boolean,
  ): { limitHours: number; dueAt: Date } {
    const limitHours = this.limitHours(owner, stepId, greenChannel);
    return { limitHours, dueAt: this.calendarOf(owner).addWorkingHours(openedAt, limitHours) };
  }

  /** Working hours of the owner's calendar between two instants (a decision's time against its limit). */
  workingHoursBetween(owner: string, from: Date, to: Date): number {
    return this.calendarOf(owner).workingHoursBetween(from, to);
  }

  /**
   * A step done at `at`, against its limit: the working hours of its owner's calendar since it opened
   * (to the 1/1000 h), and whether it was done by its dueAt.
   */
  timeAgainstLimit(
    owner: string,
    openedAt: Date,
    dueAt: Date,
    at: Date,
  ): { hours: number; withinLimit: boolean } {
    const hours = this.workingHoursBetween(owner, new Date(openedAt), at);
    return { hours: Math.round(hours * 1000) / 1000, withinLimit: at.getTime() <= new Date(dueAt).getTime() };
  }

  /**
   * The same registry with the limits of the chosen steps multiplied by `factor` (a what-if: "cut every
   * approval limit by 53%" is factor 0.47 on every agency step).
   */
  withLimitsScaled(
    factor: number,
    applies: (owner: string, step: StepDefinition) => boolean = () => true,
  ): AgencyRegistry {
    if (!(factor > 0) || !Number.isFinite(factor)) throw new RangeError(`factor must be > 0, got ${factor}`);
    const scale =
      (owner: string) =>
      (step: StepDefinition): StepDefinition =>
        applies(owner, step)
          ? {
              ...step,
              limitHours: step.limitHours * factor,
              ...(step.greenLimitHours === undefined
                ? {}
                : { greenLimitHours: step.greenLimitHours * factor }),
            }
          : step;
    return new AgencyRegistry(
      {
        ...this.data,
        agencies: this.data.agencies.map((a) => ({ ...a, steps: a.steps.map(scale(a.id)) })),
        traderSteps: { ...this.data.traderSteps, steps: this.data.traderSteps.steps.map(scale(TRADER)) },
      },
      this.options,
    );
  }
}
