import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Length,
  Max,
  Min,
} from 'class-validator';
import { validateEnv } from '@tongguan/config';

const toNumber = ({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value);

/** The settings only inspection reads, validated once at boot (the shared ones live in ServiceConfig). */
export class InspectionConfig {
  /** The risk profile; when unset, the file shipped with the app (config/risk-rules.json). */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  RISK_RULES_FILE?: string;

  /** Share of shipments selected at random for a control, 0..1. */
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  RISK_RANDOM_RATE = 0.03;

  /** Seed of the random selection: the same seed selects the same shipments, so runs are reproducible. */
  @IsString()
  @Length(1, 200)
  RISK_SEED = 'tongguan';

  /**
   * What task time limits count: 'working' hours on the inspection agency's calendar of the registry
   * (config/agencies.json, customs '5+1') or on INSPECTION_CALENDAR_FILE, or 'continuous' elapsed
   * hours, nights and holidays included (demos that should not wait for Monday).
   */
  @IsIn(['working', 'continuous'])
  INSPECTION_CALENDAR: 'working' | 'continuous' = 'working';

  /** A working calendar file instead of the registry's (version 1, see working-calendar-file). */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  INSPECTION_CALENDAR_FILE?: string;

  /**
   * Working hours (see INSPECTION_CALENDAR) a document check (YELLOW) may take before it is deemed
   * approved; halved for the green channel. Unset: the registry's inspection/document-check limits.
   */
  @IsOptional()
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(8760)
  INSPECTION_LIMIT_HOURS_YELLOW?: number;

  /**
   * Working hours a physical inspection (RED) may take before it is deemed approved; halved for the
   * green channel. Unset: the registry's inspection/physical-inspection limits.
   */
  @IsOptional()
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(8760)
  INSPECTION_LIMIT_HOURS_RED?: number;

  /**
   * Real milliseconds between two sweeps for coming deadlines. A sweep scans the tasks by deadline, so it
   * stays rare; each deadline then fires on its own timer, on time.
   */
  @Transform(toNumber)
  @IsInt()
  @Min(10)
  @Max(60_000)
  DEADLINE_POLL_MS = 5_000;
}

const KEYS = [
  'RISK_RULES_FILE',
  'RISK_RANDOM_RATE',
  'RISK_SEED',
  'INSPECTION_CALENDAR',
  'INSPECTION_CALENDAR_FILE',
  'INSPECTION_LIMIT_HOURS_YELLOW',
  'INSPECTION_LIMIT_HOURS_RED',
  'DEADLINE_POLL_MS',
] as const;

/** Throws a ConfigError naming every bad setting at once. */
export function loadInspectionConfig(env: NodeJS.ProcessEnv = process.env): InspectionConfig {
  return validateEnv(InspectionConfig, KEYS, env);
}
