import type { LoggerService } from '@nestjs/common';

/**
 * Routes the runtime's warnings (process.emitWarning: deprecations, negative timers, listener leaks)
 * through the service's logger instead of Node's own stderr printer, so that with LOG_FORMAT=json every
 * line a service writes is JSON (kafkajs 2.2.4 arms a negative timer when it connects, which Node 24
 * reports as a TimeoutNegativeWarning; Node 20 clamped it to 1 ms silently, as Node 24 still does).
 * `logger`: Nest's `new Logger('process')`, which writes through whichever logger the service installed.
 * Returns the undo, for tests.
 */
export function routeProcessWarnings(logger: LoggerService): () => void {
  const printers = process.listeners('warning');
  process.removeAllListeners('warning');
  const toLog = (warning: Error & { code?: string }) =>
    logger.warn(`${warning.name}: ${warning.message}`, {
      warning: warning.name,
      ...(warning.code ? { code: warning.code } : {}),
    });
  process.on('warning', toLog);
  return () => {
    process.off('warning', toLog);
    for (const printer of printers) process.on('warning', printer);
  };
}
