import fs from 'node:fs';
import path from 'node:path';
import { readJsonFile } from '@tongguan/config';

/**
 * Finds a data file shipped in the repository whether the code runs from source (jest) or from dist/,
 * by walking up from this module to the repository root.
 */
function shippedFile(relative: string): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, relative);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${relative} not found above ${__dirname}`);
  }
}

/** A data file shipped with one app: apps/<app>/config/<file>. */
export function appConfigFile(app: string, file: string): string {
  return shippedFile(path.join('apps', app, 'config', file));
}

/** A data file several apps share, in config/ at the repository root (the agency registry and its rules). */
export function sharedConfigFile(file: string): string {
  return shippedFile(path.join('config', file));
}

/** Reads a JSON data file named by an env variable, or the app's shipped default; names the file on error. */
export function readAppJson<T>(app: string, envName: string, defaultFile: string): T {
  return readJsonFile(process.env[envName] || appConfigFile(app, defaultFile), envName) as T;
}
