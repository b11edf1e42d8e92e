import { AsyncLocalStorage } from 'node:async_hooks';

/** The ids a log line carries when known: the request's or the event's being handled. */
export interface LogContext {
  correlationId?: string;
  causationId?: string;
  eventId?: string;
  eventType?: string;
  shipmentId?: string;
  traceId?: string;
  spanId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/**
 * Runs work with these ids in scope, so every log line written during it (the service's own
 * `new Logger(...)` call sites included) carries them without being passed along.
 */
export function runWithLogContext<T>(context: LogContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}

/** Adds ids learnt later (a shipment id read from a path) to the context in scope, if any. */
export function addToLogContext(ids: LogContext): void {
  const store = storage.getStore();
  if (store) Object.assign(store, ids);
}
