import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CONSTRAINT_MESSAGES, ERROR_MESSAGES, FIELD_MESSAGES } from './catalogue';
import { placeholdersOf } from './interpolate';
import { LOCALES } from './locale';
import { DECLARATION_MESSAGES } from './messages/declaration.messages';
import { INSPECTION_MESSAGES } from './messages/inspection.messages';
import { LOGISTICS_MESSAGES } from './messages/logistics.messages';
import { MONITOR_MESSAGES } from './messages/monitor.messages';
import { PLATFORM_MESSAGES } from './messages/platform.messages';
import { PORT_MESSAGES } from './messages/port.messages';

const ROOT = join(__dirname, '../../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

const sources = ['apps', 'libs']
  .flatMap((top) => readdirSync(join(ROOT, top)).map((pkg) => join(ROOT, top, pkg, 'src')))
  .filter((dir) => statSync(dir, { throwIfNoEntry: false })?.isDirectory())
  .flatMap(sourceFiles)
  .map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

/** Every error code the code base can answer with, found the ways codes are written. */
function thrownCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  const add = (code: string, path: string) => codes.set(code, codes.get(code) ?? path);
  for (const { path, text } of sources) {
    // 'DECLARATION.NOT_AMENDABLE' wherever it is written (throws, rules' refusals, API docs)
    for (const m of text.matchAll(/['`]([A-Z][A-Z0-9_]*\.[A-Z][A-Z0-9_]*)['`]/g)) add(m[1], path);
    // new NotFoundError('bill of lading', id) → BILL OF LADING.NOT_FOUND
    for (const m of text.matchAll(/NotFoundError\(\s*'([^']+)'/g))
      add(`${m[1].toUpperCase()}.NOT_FOUND`, path);
    // a code without a dot, thrown as it is (SLOT_FULL)
    for (const m of text.matchAll(/new DomainError\(\s*'([A-Z][A-Z0-9_]*)'/g)) add(m[1], path);
  }
  // complaints answer COMPLAINT.<refusal> for each refusal of the lifecycle but NOT_VISIBLE (a 404)
  const lifecycle = sources.find((s) => s.path.endsWith('complaints/complaint-lifecycle.ts'));
  const union = /type RefusalCode =([^;]+);/.exec(lifecycle?.text ?? '')?.[1] ?? '';
  for (const m of union.matchAll(/'([A-Z_]+)'/g)) {
    if (m[1] !== 'NOT_VISIBLE') add(`COMPLAINT.${m[1]}`, lifecycle!.path);
  }
  return codes;
}

describe('error message catalogue', () => {
  it('says every error code in English and Simplified Chinese, with the same placeholders', () => {
    for (const [code, entry] of Object.entries({ ...ERROR_MESSAGES, ...FIELD_MESSAGES })) {
      for (const locale of LOCALES)
        expect({ code, locale, text: entry[locale]?.trim() }).toEqual({
          code,
          locale,
          text: expect.any(String),
        });
      expect(entry['zh-CN']).toMatch(/\p{Script=Han}/u);
      expect({ code, placeholders: placeholdersOf(entry['zh-CN']).sort() }).toEqual({
        code,
        placeholders: placeholdersOf(entry.en).sort(),
      });
    }
  });

  it('holds each code once across the services', () => {
    const parts = [
      PLATFORM_MESSAGES,
      PORT_MESSAGES,
      DECLARATION_MESSAGES,
      INSPECTION_MESSAGES,
      LOGISTICS_MESSAGES,
      MONITOR_MESSAGES,
    ];
    const total = parts.reduce((n, part) => n + Object.keys(part).length, 0);
    expect(Object.keys(ERROR_MESSAGES)).toHaveLength(total);
  });

  it('has every code thrown in apps/ and libs/', () => {
    const codes = thrownCodes();
    expect(codes.size).toBeGreaterThan(80);
    const missing = [...codes]
      .filter(([code]) => !ERROR_MESSAGES[code])
      .map(([code, path]) => `${code} (${path})`);
    // add the code to libs/platform/src/i18n/messages/<service>.messages.ts in both languages
    expect(missing).toEqual([]);
  });

  it("has every class-validator constraint the DTOs use, with class-validator's own wording", () => {
    const decorators = new Set(
      sources.flatMap(({ text }) =>
        [
          ...text.matchAll(
            /@(Is[A-Za-z0-9]+|Min|Max|MinLength|MaxLength|Length|Matches|Array[A-Za-z]+|ValidateNested)\(/g,
          ),
        ].map((m) => m[1]),
      ),
    );
    const codeOf: Record<string, string> = {
      Length: 'IS_LENGTH',
      ValidateNested: 'NESTED_VALIDATION',
      IsUUID: 'IS_UUID',
      IsISO8601: 'IS_ISO8601',
      IsRFC3339: 'IS_RFC3339',
      IsBlNumber: 'MATCHES', // a Matches with its own message
      IsContainerNumber: 'CONTAINER_NUMBER',
      IsImoNumber: 'IMO_NUMBER',
      IsDecimal: 'IS_NUMBER', // IsNumber({ maxDecimalPlaces }) without its exponent bug
      IsCatalogEventTypeList: 'IS_CATALOG_EVENT_TYPE',
      IsOptional: 'IS_DEFINED', // checks nothing itself; IS_DEFINED is its opposite, kept for @IsDefined
    };
    const snake = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
    const missing = [...decorators]
      .map((d) => codeOf[d] ?? snake(d))
      .filter((code) => !CONSTRAINT_MESSAGES[code]);
    expect(missing).toEqual([]);
    // the Chinese may leave a value out (a regular expression means nothing to a broker), never invent one
    for (const [code, entry] of Object.entries(CONSTRAINT_MESSAGES)) {
      for (const variant of entry.variants) {
        const values = new Set(placeholdersOf(variant.en));
        const unknown = placeholdersOf(variant['zh-CN']).filter((p) => p !== 'path' && !values.has(p));
        expect({ code, unknown }).toEqual({ code, unknown: [] });
      }
      expect({ code, fallback: placeholdersOf(entry['zh-CN']) }).toEqual({ code, fallback: ['path'] });
    }
  });
});
