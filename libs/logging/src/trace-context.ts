import { type Context, context, isSpanContextValid, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { formatTraceparent, readTraceparent } from './traceparent';

let tracing = false;

/**
 * Set by the tracing bootstrap once an SDK runs: the messaging lib makes its spans only then, so with
 * tracing off a message costs no span objects at all and a stored traceparent is sent on as it is.
 */
export function setTracingActive(on: boolean): void {
  tracing = on;
}

export function tracingActive(): boolean {
  return tracing;
}

/**
 * The OpenTelemetry context a W3C traceparent names, to start a span under (an HTTP request's header,
 * an event's ce_traceparent); the root context when it is absent or malformed, so the span starts a trace.
 */
export function contextOfTraceparent(value: unknown): Context {
  const parent = readTraceparent(value);
  return parent ? trace.setSpanContext(ROOT_CONTEXT, { ...parent, isRemote: true }) : ROOT_CONTEXT;
}

/**
 * The traceparent of the span active in the context (by default the current one), or nothing when no
 * span is: with tracing off there never is, so nothing is stamped or sent.
 */
export function traceparentOf(active: Context = context.active()): string | undefined {
  const span = trace.getSpanContext(active);
  return span && isSpanContextValid(span) ? formatTraceparent(span) : undefined;
}

/** The trace and span ids of the active span, for log lines; nothing outside a span. */
export function activeTraceIds(): { traceId: string; spanId: string } | undefined {
  const span = trace.getSpanContext(context.active());
  return span && isSpanContextValid(span) ? { traceId: span.traceId, spanId: span.spanId } : undefined;
}
