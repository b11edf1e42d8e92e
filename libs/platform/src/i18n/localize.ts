import type { FieldProblem } from '@tongguan/contracts';
import { ERROR_MESSAGES } from './catalogue';
import { interpolate, type MessageParams } from './interpolate';
import type { Locale } from './locale';
import { CONSTRAINT_MESSAGES, EACH_PREFIX } from './messages/constraint.messages';
import { FIELD_MESSAGES } from './messages/field.messages';

/**
 * An error's message in the locale asked for. English is the source language: the message written where
 * the error arose, with its details, is the English answer. Other languages come from the catalogue by
 * code, filled with the parameters the thrower gave; a code the catalogue lacks says what its HTTP status
 * means (`fallbackCode`) rather than answering in English.
 */
export function localizedMessage(
  code: string,
  locale: Locale,
  thrown: string | undefined,
  params: MessageParams = {},
  fallbackCode?: string,
): string {
  const entry = ERROR_MESSAGES[code] ?? (fallbackCode ? ERROR_MESSAGES[fallbackCode] : undefined);
  if (locale === 'en' && thrown) return thrown;
  if (!entry) return thrown ?? code;
  return interpolate(entry[locale], params);
}

/** A problem of `errors[]` in the locale asked for: path and code as they were, the message translated. */
export function localizedProblem(problem: FieldProblem, locale: Locale): FieldProblem {
  // a list item of another shape (no message to translate) is passed on as it is, never a 500
  if (locale === 'en' || typeof problem?.message !== 'string') return problem;
  const constraint = CONSTRAINT_MESSAGES[problem.code];
  if (constraint) {
    const english = problem.message.startsWith(EACH_PREFIX)
      ? problem.message.slice(EACH_PREFIX.length)
      : problem.message;
    for (const variant of constraint.variants) {
      const values = readBack(variant.en, english);
      if (values)
        return { ...problem, message: interpolate(variant[locale], { ...values, path: problem.path }) };
    }
    return { ...problem, message: interpolate(constraint[locale], { path: problem.path }) };
  }
  const field = FIELD_MESSAGES[problem.code];
  // a domain problem the catalogue does not know keeps its English rather than saying nothing
  return field ? { ...problem, message: interpolate(field[locale], { path: problem.path }) } : problem;
}

const patterns = new Map<string, RegExp>();

/** The values of a `{name}` template read back out of a message written from it, or null. */
export function readBack(template: string, message: string): Record<string, string> | null {
  let pattern = patterns.get(template);
  if (!pattern) {
    const source = template
      .split(/(\{\w+\})/)
      .map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        if (name) return `(?<${name}>.+?)`;
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('');
    pattern = new RegExp(`^${source}$`, 's');
    patterns.set(template, pattern);
  }
  const match = pattern.exec(message);
  return match ? { ...match.groups } : null;
}
