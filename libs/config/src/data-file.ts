import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '@tongguan/contracts';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from './service-config';

/**
 * Validates the parsed JSON of a data file (tariffs, rules) into its class. Unknown fields are errors
 * and every problem is listed with its path, so the file is fixed in one go, cross-field checks
 * included (they must therefore cope with fields that are missing or malformed).
 */
export function validateDataFile<T extends object>(
  cls: new () => T,
  raw: unknown,
  source: string,
  crossChecks: (value: T) => string[] = () => [],
): T {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(`${source} invalid: the file must hold a JSON object`);
  }
  const value = plainToInstance(cls, raw);
  const problems = flattenValidationErrors(
    validateSync(value, { whitelist: true, forbidNonWhitelisted: true }),
  ).map((p) => `${p.path}: ${p.message}`);
  problems.push(...crossChecks(value));
  if (problems.length > 0) throw new ConfigError(`${source} invalid:\n  ${problems.join('\n  ')}`);
  return value;
}

/** Reads a JSON data file; the error names the setting and the file, and says whether it was missing or broken. */
export function readJsonFile(file: string, setting: string): unknown {
  const resolved = path.resolve(file);
  let text: string;
  try {
    text = fs.readFileSync(resolved, 'utf8');
  } catch (error) {
    throw new ConfigError(`${setting} ${resolved} cannot be read: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${setting} ${resolved} is not valid JSON: ${(error as Error).message}`);
  }
}
