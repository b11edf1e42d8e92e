export const REDACTED = '[REDACTED]';

/** Keys whose values are never logged, whatever their case or separators (authorization, x-api-key, jwtSecret...). */
const SECRET_KEY =
  /authorization|cookie|secret|token|password|passwd|signature|api[-_]?key|credential|private[-_]?key/i;

/** Secrets that may hide inside free text: bearer credentials, JWTs, secret-named query parameters. */
const SECRET_TEXT: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED],
  [/([?&;](?:access_token|token|secret|signature|sig|api_key|apikey|password)=)[^&\s#]*/gi, `$1${REDACTED}`],
];

const MAX_DEPTH = 6;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Free text with any secret it carries replaced. */
export function scrubText(text: string): string {
  let result = text;
  for (const [pattern, replacement] of SECRET_TEXT) result = result.replace(pattern, replacement);
  return result;
}

/**
 * A copy fit for a log line: values under secret keys replaced, strings scrubbed, errors reduced to
 * name, message and stack, cycles and deep nesting cut.
 */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(value);
  if (value instanceof Error) {
    return {
      name: value.name,
      message: scrubText(value.message),
      stack: value.stack && scrubText(value.stack),
    };
  }
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `[Buffer ${value.length} bytes]`;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = isSecretKey(key) ? REDACTED : redact(item, depth + 1, seen);
  }
  return copy;
}
