import type { SeededRandom } from './seeded-random';

/** A duration distribution as scenario files write it (hours). */
export type Distribution =
  | { dist: 'fixed'; value: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'exponential'; mean: number }
  | { dist: 'lognormal'; median: number; sigma: number; max?: number };

/** Draws hours from a distribution; never negative, capped at `max` when the file gives one. */
export function draw(random: SeededRandom, distribution: Distribution): number {
  switch (distribution.dist) {
    case 'fixed':
      return distribution.value;
    case 'uniform':
      return random.uniform(distribution.min, distribution.max);
    case 'exponential':
      return random.exponential(distribution.mean);
    case 'lognormal': {
      const value = random.lognormal(distribution.median, distribution.sigma);
      return distribution.max === undefined ? value : Math.min(value, distribution.max);
    }
  }
}

const FIELDS: Record<Distribution['dist'], string[]> = {
  fixed: ['value'],
  uniform: ['min', 'max'],
  exponential: ['mean'],
  lognormal: ['median', 'sigma'],
};
const OPTIONAL: Partial<Record<Distribution['dist'], string[]>> = { lognormal: ['max'] };

/** Every problem of a distribution object, as 'path: message'. */
export function distributionProblems(path: string, value: unknown): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [`${path}: must be a distribution { "dist": "fixed|uniform|exponential|lognormal", ... }`];
  }
  const d = value as Record<string, unknown>;
  const kind = d.dist as Distribution['dist'];
  if (!Object.hasOwn(FIELDS, kind)) {
    return [`${path}.dist: must be one of ${Object.keys(FIELDS).join(', ')}`];
  }
  const problems: string[] = [];
  const allowed = new Set(['dist', ...FIELDS[kind], ...(OPTIONAL[kind] ?? [])]);
  for (const key of Object.keys(d)) {
    if (!allowed.has(key)) problems.push(`${path}.${key}: unknown field for a ${kind} distribution`);
  }
  for (const key of [...FIELDS[kind], ...(OPTIONAL[kind] ?? [])]) {
    const n = d[key];
    if (n === undefined && !FIELDS[kind].includes(key)) continue;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
      problems.push(`${path}.${key}: must be a number >= 0`);
    }
  }
  if (kind === 'uniform' && typeof d.min === 'number' && typeof d.max === 'number' && d.max < d.min) {
    problems.push(`${path}.max: must not be below min`);
  }
  return problems;
}
