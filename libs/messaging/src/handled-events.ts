import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { type EventName, eventNameOfType } from '@tongguan/contracts';

/**
 * The events an app's @OnEvent handlers consume, read from the pattern metadata of every source
 * file under `sourceDir` that declares one. Specs compare it with EventConsumers (libs/contracts),
 * the declared list the AsyncAPI receive operations are generated from.
 */
export function handledEventNames(sourceDir: string): EventName[] {
  const names = new Set<EventName>();
  const files = readdirSync(sourceDir, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'),
  );
  for (const file of files) {
    const path = join(sourceDir, file);
    if (!readFileSync(path, 'utf8').includes('@OnEvent(')) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the files are found at run time
    for (const exported of Object.values(require(path) as Record<string, unknown>)) {
      if (typeof exported !== 'function') continue;
      const prototype = (exported as { prototype: Record<string, unknown> }).prototype;
      for (const key of Object.getOwnPropertyNames(prototype)) {
        const method = prototype[key];
        if (typeof method !== 'function') continue;
        const patterns: unknown = Reflect.getMetadata(PATTERN_METADATA, method);
        for (const type of [patterns].flat(2)) {
          const name = typeof type === 'string' ? eventNameOfType(type) : undefined;
          if (name) names.add(name);
          else if (type !== undefined)
            throw new Error(`${path} ${key}: pattern ${String(type)} names no event`);
        }
      }
    }
  }
  return [...names].sort();
}
