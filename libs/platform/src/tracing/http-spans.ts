import { type Context, context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { contextOfTraceparent, formatTraceparent } from '@tongguan/logging';
import type { NextFunction, Request, Response } from 'express';

const tracer = trace.getTracer('@tongguan/platform');
/** Probes and scrapes every few seconds are no part of any user's trace. */
const UNTRACED = /^\/(health|metrics)(\/|$)/;

type TracedRequest = Request & { traceContext?: Context };

/**
 * One server span per request, a child of the caller's W3C traceparent when it sends one, named by
 * its route once routed (`POST /v1/declarations`); its traceparent is answered as `traceresponse`
 * (W3C Trace Context level 2), so a caller learns the trace of what it started.
 */
export function httpSpanMiddleware(request: TracedRequest, response: Response, next: NextFunction): void {
  if (UNTRACED.test(request.path)) return next();
  const span = tracer.startSpan(
    request.method,
    {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': request.method, 'url.path': request.path },
    },
    contextOfTraceparent(request.header('traceparent')),
  );
  response.setHeader('traceresponse', formatTraceparent(span.spanContext()));
  response.once('close', () => {
    const route = (request.route as { path?: unknown } | undefined)?.path;
    if (typeof route === 'string') {
      span.updateName(`${request.method} ${route}`);
      span.setAttribute('http.route', route);
    }
    span.setAttribute('http.response.status_code', response.statusCode);
    if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  request.traceContext = trace.setSpan(context.active(), span);
  context.with(request.traceContext, next);
}

/** Puts the request's span in scope again once the body is read (its stream callbacks lose it). */
export function httpSpanContextMiddleware(request: TracedRequest, _: Response, next: NextFunction): void {
  if (request.traceContext) context.with(request.traceContext, next);
  else next();
}
