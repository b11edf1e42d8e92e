import fs from 'node:fs';
import path from 'node:path';
import { scenariosDirectory } from './scenario-file';

/**
 * The source of every scenario parameter, read from the table of scenarios/SOURCES.md (its first
 * column names the parameters in backticks, its last says where the values come from), so a what-if
 * can print each parameter it changes with its source.
 */
export function parameterSources(
  markdown = fs.readFileSync(path.join(scenariosDirectory(), 'SOURCES.md'), 'utf8'),
): Record<string, string> {
  const sources: Record<string, string> = {};
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) continue;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.length < 2) continue;
    const parameters = [...cells[0].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    for (const parameter of parameters) sources[parameter] = cells[cells.length - 1];
  }
  return sources;
}
