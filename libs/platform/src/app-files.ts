import fs from 'node:fs';
import path from 'node:path';
import { readJsonFile } from '@tongguan/config';

/**
 * Finds a data file shipped with an app (apps/<app>/config/<file>) whether the code runs from source
 * (jest) or from dist/, by walking up from this module to the repository root.
 */
export function appConfigFile(app: string, file: string): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'apps', app, 'config', file);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`apps/${app}/config/${file} not found above ${__dirname}`);
  }
}

/** Reads a JSON data file named by an env variable, or the app's shipped default; names the file on error. */
export function readAppJson<T>(app: string, envName: string, defaultFile: string): T {
  return readJsonFile(process.env[envName] || appConfigFile(app, defaultFile), envName) as T;
}
