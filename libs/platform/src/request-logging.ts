import type { LogLevel } from '@nestjs/common';
import {
  type LogContext,
  parseTraceparent,
  runWithLogContext,
  type StructuredLogger,
} from '@tongguan/logging';
import type { NextFunction, Request, Response } from 'express';

type LoggedRequest = Request & { correlationId?: string; logContext?: LogContext };

/** Probes and scrapes every few seconds would drown the access log; they log one level down. */
const QUIET_PATHS = /^\/(health|metrics)(\/|$)/;

/**
 * Writes one access line per request when its response is finished (method, path without the query,
 * status, duration) with the request's ids. Runs right after the correlation middleware, so requests
 * refused while reading their body are logged too.
 */
export function requestLogMiddleware(logger: StructuredLogger) {
  return (request: LoggedRequest, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    request.logContext = {
      correlationId: request.correlationId,
      ...parseTraceparent(request.header('traceparent')),
    };
    response.on('finish', () => {
      const durationMs = Number((process.hrtime.bigint() - started) / 1000n) / 1000;
      const level: LogLevel = QUIET_PATHS.test(request.path) ? 'verbose' : 'log';
      const http = { method: request.method, path: request.path, status: response.statusCode, durationMs };
      runWithLogContext(request.logContext ?? {}, () => logger.request(http, level));
    });
    next();
  };
}

/**
 * Puts the request's ids in scope for everything its handler logs. Installed after the body is read:
 * the body parser's stream callbacks would run outside a scope opened before it.
 */
export function requestLogContextMiddleware(request: LoggedRequest, _: Response, next: NextFunction): void {
  runWithLogContext(request.logContext ?? { correlationId: request.correlationId }, next);
}
