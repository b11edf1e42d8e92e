import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { validateEnv } from '@tongguan/config';

const toNumber = ({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value);

/** The gate's own settings, validated once at boot (the shared ones live in ServiceConfig). */
export class GateConfig {
  /** Business minutes a booked truck may come before its pickup hour starts or after it ends. */
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(1440)
  GATE_PICKUP_GRACE_MINUTES = 60;
}

/** Throws a ConfigError naming every bad setting at once. */
export function loadGateConfig(env: NodeJS.ProcessEnv = process.env): GateConfig {
  return validateEnv(GateConfig, ['GATE_PICKUP_GRACE_MINUTES'], env);
}
