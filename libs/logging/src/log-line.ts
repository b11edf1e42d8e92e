import type { LogLevel } from '@nestjs/common';
import type { LogContext } from './log-context';
import { redact, scrubText } from './redact';

/** Level names as log collectors know them; Nest's `log` is `info`. */
const LEVEL_NAMES: Record<LogLevel, string> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'verbose',
};

/** What one HTTP request did, for its access line. */
export interface HttpFields {
  method: string;
  path: string;
  status: number;
  durationMs: number;
}

export interface LogEntry {
  time: Date;
  level: LogLevel;
  service: string;
  /** The Nest logger context: usually the class that logs. */
  context?: string;
  message: unknown;
  stack?: string;
  ids?: LogContext;
  http?: HttpFields;
  /** Anything else the call site passed (objects), redacted. */
  data?: unknown[];
}

/**
 * One JSON line: time, level, service, context, message, the ids in scope, then the rest. Keys are
 * fixed and secrets redacted here, so no call site can put a token into the log by accident.
 */
export function formatLogLine(entry: LogEntry): string {
  const { text, fields } = messageOf(entry.message);
  const line: Record<string, unknown> = {
    time: entry.time.toISOString(),
    level: LEVEL_NAMES[entry.level],
    service: entry.service,
    context: entry.context,
    message: text,
  };
  for (const [key, value] of Object.entries(entry.ids ?? {})) {
    if (value !== undefined && value !== '') line[key] = scrubText(String(value));
  }
  if (entry.http) line.http = entry.http;
  if (entry.stack) line.stack = scrubText(entry.stack);
  const data = [...(fields ? [fields] : []), ...(entry.data ?? [])].map((item) => redact(item));
  if (data.length === 1) line.data = data[0];
  else if (data.length > 1) line.data = data;
  return JSON.stringify(line);
}

/** A message may be text, an error, or an object (its `message` becomes the text, the rest data). */
function messageOf(message: unknown): { text: string; fields?: unknown } {
  if (typeof message === 'string') return { text: scrubText(message) };
  if (message instanceof Error) return { text: scrubText(message.message), fields: message };
  if (message !== null && typeof message === 'object') {
    const { message: text, ...rest } = message as { message?: unknown };
    const fields = Object.keys(rest).length > 0 ? rest : undefined;
    return { text: typeof text === 'string' ? scrubText(text) : '', fields };
  }
  return { text: String(message) };
}
