import { context, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { CloudEvent } from '@tongguan/contracts';
import { contextOfTraceparent, formatTraceparent, tracingActive } from '@tongguan/logging';
import { describeError } from './failures';

/**
 * Producer and consumer spans of our own (kafkajs has no instrumentation we could rely on), joined by
 * the CloudEvent's ce_traceparent. With tracing off none are made (tracingActive).
 */
const tracer = trace.getTracer('@tongguan/messaging');

function attributesOf(event: CloudEvent, topic: string, operation: 'send' | 'process') {
  return {
    'messaging.system': 'kafka',
    'messaging.operation.type': operation,
    'messaging.destination.name': topic,
    'messaging.message.id': event.id,
    'messaging.kafka.message.key': event.subject,
    'cloudevents.event_type': event.type,
    'cloudevents.event_source': event.source,
    'tongguan.shipment_id': event.subject,
  };
}

/**
 * A span for sending one event, a child of the span the event was created in (its stored
 * traceparent), though the relay sends it later and elsewhere; its traceparent goes in the header.
 */
export function startPublishSpan(event: CloudEvent, topic: string): { span?: Span; traceparent?: string } {
  if (!tracingActive()) return { traceparent: event.traceparent };
  const span = tracer.startSpan(
    `publish ${event.type}`,
    { kind: SpanKind.PRODUCER, attributes: attributesOf(event, topic, 'send') },
    contextOfTraceparent(event.traceparent),
  );
  const ids = span.spanContext();
  return { span, traceparent: trace.isSpanContextValid(ids) ? formatTraceparent(ids) : event.traceparent };
}

/** Ends the spans of a send, as failed when it failed. */
export function endSpans(spans: (Span | undefined)[], error?: unknown): void {
  for (const span of spans) {
    if (!span) continue;
    if (error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: describeError(error) });
    span.end();
  }
}

/**
 * Runs a handler in a consumer span that continues the sender's trace (the event's ce_traceparent);
 * everything the handler stores and the events it creates are in that trace.
 */
export async function inConsumerSpan<T>(
  event: CloudEvent,
  position: { topic: string; partition: number; offset: string },
  work: () => Promise<T>,
): Promise<T> {
  if (!tracingActive()) return work();
  const span = tracer.startSpan(
    `process ${event.type}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        ...attributesOf(event, position.topic, 'process'),
        'messaging.destination.partition.id': String(position.partition),
        'messaging.kafka.offset': Number(position.offset),
      },
    },
    contextOfTraceparent(event.traceparent),
  );
  try {
    return await context.with(trace.setSpan(context.active(), span), work);
  } catch (error) {
    endSpans([span], error);
    throw error;
  } finally {
    if (span.isRecording()) span.end();
  }
}
