import { ConsoleLogger, type LoggerService, type LogLevel } from '@nestjs/common';
import { currentLogContext, type LogContext } from './log-context';
import { formatLogLine, type HttpFields } from './log-line';
import { redact, scrubText } from './redact';
import { activeTraceIds } from './trace-context';

export const LOG_FORMATS = ['json', 'text'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Most to least severe: a LOG_LEVEL enables itself and everything above it. */
const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export interface LoggerSettings {
  service: string;
  format: LogFormat;
  level: LogLevel;
  /** Where JSON lines go; stdout unless a test captures them. */
  write?: (line: string) => void;
}

/** A Nest stack trace as ConsoleLogger recognises one. */
const STACK = /^(.)+\n\s+at .+:\d+:\d+/;

/**
 * The services' one logger. Installed as Nest's logger, so every `new Logger(Context)` call site
 * writes through it unchanged. JSON lines (see formatLogLine) carry the ids of the request or event in
 * scope; text is Nest's console format for a terminal. Secrets are scrubbed in both.
 */
export class StructuredLogger implements LoggerService {
  private readonly enabled: Set<LogLevel>;
  private readonly console: ConsoleLogger | null;
  private readonly write: (line: string) => void;

  constructor(private readonly settings: LoggerSettings) {
    const upTo = LEVELS.indexOf(settings.level);
    this.enabled = new Set(LEVELS.slice(0, upTo < 0 ? LEVELS.indexOf('log') + 1 : upTo + 1));
    this.console = settings.format === 'text' ? new ConsoleLogger({ logLevels: [...this.enabled] }) : null;
    this.write = settings.write ?? ((line) => process.stdout.write(`${line}\n`));
  }

  isLevelEnabled(level: LogLevel): boolean {
    return this.enabled.has(level);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.emit('log', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.emit('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.emit('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.emit('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.emit('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.emit('fatal', message, params);
  }

  /** The access line of one HTTP request (written by the platform's request logging). */
  request(http: HttpFields, level: LogLevel = 'log'): void {
    if (!this.enabled.has(level)) return;
    const message = `${http.method} ${http.path} ${http.status} ${http.durationMs}ms`;
    if (this.console) this.console[level](scrubText(message), 'HTTP');
    else this.emitLine(level, message, 'HTTP', undefined, [], http);
  }

  private emit(level: LogLevel, message: unknown, params: unknown[]): void {
    if (!this.enabled.has(level)) return;
    const { context, stack, data } = splitParams(level, params);
    if (this.console) {
      const text = typeof message === 'string' ? scrubText(message) : redact(message);
      const extras = data.map((item) => redact(item));
      const scrubbed = stack && scrubText(stack);
      // ConsoleLogger reads (message, ...extras, stack?, context?) the way Nest's Logger passes them
      const tail =
        level === 'error' || level === 'fatal'
          ? context
            ? [scrubbed, context]
            : scrubbed
              ? [scrubbed]
              : []
          : context
            ? [context]
            : [];
      this.console[level](text, ...extras, ...tail);
      return;
    }
    this.emitLine(level, message, context, stack, data);
  }

  private emitLine(
    level: LogLevel,
    message: unknown,
    context: string | undefined,
    stack: string | undefined,
    data: unknown[],
    http?: HttpFields,
  ): void {
    const line = formatLogLine({
      time: new Date(),
      level,
      service: this.settings.service,
      context,
      message,
      stack,
      ids: idsInScope(),
      http,
      data: data.length > 0 ? data : undefined,
    });
    this.write(line);
  }
}

/** The request's or event's ids; the trace and span those of the active span when tracing is on. */
function idsInScope(): LogContext | undefined {
  const ids = currentLogContext();
  const active = activeTraceIds();
  return active ? { ...ids, ...active } : ids;
}

/**
 * Nest passes (message, ...extras, context) and, for errors, (message, stack, context); a lone string
 * after an error message is a stack when it looks like one, else the context.
 */
export function splitParams(
  level: LogLevel,
  params: unknown[],
): { context?: string; stack?: string; data: unknown[] } {
  const rest = [...params];
  let context: string | undefined;
  let stack: string | undefined;
  const last = rest.at(-1);
  if (typeof last === 'string' && !STACK.test(last)) {
    context = last;
    rest.pop();
  }
  if (level === 'error' || level === 'fatal') {
    const index = rest.findIndex((item) => typeof item === 'string' || item === undefined);
    if (index >= 0) stack = rest.splice(index, 1)[0] as string | undefined;
  }
  return { context, stack, data: rest.filter((item) => item !== undefined) };
}
