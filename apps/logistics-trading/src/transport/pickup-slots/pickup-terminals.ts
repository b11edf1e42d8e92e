// the file is validated with decorators before (and without) Nest, which otherwise loads this
import 'reflect-metadata';
import { validateDataFile } from '@tongguan/config';
import { readAppJson } from '@tongguan/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { hourOfDay } from './slot-hours';

const WHOLE_HOUR = /^([01]\d|2[0-4]):00$/;

/** One terminal gate: when trucks may collect cargo and how many per hour. */
export class PickupTerminal {
  @Matches(/^[A-Z0-9-]{2,40}$/, { message: 'id must be 2-40 upper-case letters, digits or dashes' })
  id: string;

  @IsString() @Length(1, 200) name: string;

  /** Local time of the terminal as a fixed offset (+480 is China Standard Time, which has no DST). */
  @IsInt() @Min(-720) @Max(840) utcOffsetMinutes: number;

  /** ISO weekdays, 1 Monday ... 7 Sunday. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  openWeekdays: number[];

  @Matches(WHOLE_HOUR, { message: 'opensAt must be a whole hour HH:00' }) opensAt: string;
  @Matches(WHOLE_HOUR, { message: 'closesAt must be a whole hour HH:00 (24:00 is midnight)' })
  closesAt: string;

  @IsInt() @Min(1) @Max(10_000) capacityPerHour: number;
}

/** The pickup-slot settings (config/pickup-slots.json), validated once at boot. */
export class PickupTerminals {
  @IsOptional() @IsString() description?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PickupTerminal)
  terminals: PickupTerminal[];

  find(id: string): PickupTerminal | undefined {
    return this.terminals.find((t) => t.id === id);
  }

  get ids(): string[] {
    return this.terminals.map((t) => t.id);
  }
}

/** Validates raw data; the error lists every problem so the file is fixed in one go. */
export function parsePickupTerminals(raw: unknown, source = 'pickup slots'): PickupTerminals {
  return validateDataFile(PickupTerminals, raw, source, (value) => {
    const terminals = Array.isArray(value.terminals) ? value.terminals : [];
    const ids = terminals.map((t) => t?.id);
    return terminals.flatMap((terminal, i) => {
      const problems =
        ids.indexOf(terminal?.id) !== i ? [`terminals.${i}.id: ${terminal.id} appears twice`] : [];
      const { opensAt, closesAt } = terminal ?? {};
      if (WHOLE_HOUR.test(opensAt ?? '') && WHOLE_HOUR.test(closesAt ?? '')) {
        if (hourOfDay(opensAt) >= hourOfDay(closesAt)) {
          problems.push(`terminals.${i}.closesAt: must be after opensAt (${opensAt}) on the same day`);
        }
      }
      return problems;
    });
  });
}

/** Reads PICKUP_SLOTS_FILE, or the file shipped with the app, and validates it. */
export function loadPickupTerminals(): PickupTerminals {
  const raw = readAppJson<unknown>('logistics-trading', 'PICKUP_SLOTS_FILE', 'pickup-slots.json');
  const source = process.env.PICKUP_SLOTS_FILE || 'apps/logistics-trading/config/pickup-slots.json';
  return parsePickupTerminals(raw, `PICKUP_SLOTS_FILE (${source})`);
}
