import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { CloudEvent } from '@tongguan/contracts';
import { setTracingActive, traceparentOf } from '@tongguan/logging';
import { endSpans, inConsumerSpan, startPublishSpan } from './message-spans';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CREATED_IN = '00f067aa0ba902b7';
const event: CloudEvent = {
  id: 'e-1',
  type: 'tongguan.declaration.DeclarationLodged.v1',
  source: 'declaration',
  time: '2026-12-05T10:00:00.000Z',
  subject: 'COSU1234567',
  correlationId: 'c-1',
  causationId: 'c-1',
  traceparent: `00-${TRACE}-${CREATED_IN}-01`,
  payload: {},
};
const at = { topic: 'tongguan.declaration', partition: 2, offset: '41' };

describe('message spans, tracing off', () => {
  it('makes no span and sends the stored traceparent on as it is', async () => {
    const { span, traceparent } = startPublishSpan(event, at.topic);
    expect(span).toBeUndefined();
    expect(traceparent).toBe(event.traceparent);
    expect(await inConsumerSpan(event, at, async () => traceparentOf())).toBeUndefined();
  });
});

describe('message spans, tracing on', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  beforeAll(() => {
    provider.register();
    setTracingActive(true);
  });
  afterAll(async () => {
    setTracingActive(false);
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  it('sends an event in a producer span under the span it was created in, whose traceparent it carries', () => {
    const { span, traceparent } = startPublishSpan(event, at.topic);
    endSpans([span]);
    const [sent] = exporter.getFinishedSpans();
    expect(sent.kind).toBe(SpanKind.PRODUCER);
    expect(sent.parentSpanContext?.spanId).toBe(CREATED_IN);
    expect(sent.spanContext().traceId).toBe(TRACE);
    expect(traceparent).toBe(`00-${TRACE}-${sent.spanContext().spanId}-01`);
    expect(sent.attributes).toMatchObject({
      'messaging.destination.name': at.topic,
      'tongguan.shipment_id': 'COSU1234567',
    });
  });

  it('handles an event in a consumer span continuing its ce_traceparent, active for the handler', async () => {
    exporter.reset();
    const inside = await inConsumerSpan(event, at, async () => traceparentOf());
    const [handled] = exporter.getFinishedSpans();
    expect(handled.kind).toBe(SpanKind.CONSUMER);
    expect(handled.name).toBe(`process ${event.type}`);
    expect(handled.parentSpanContext?.spanId).toBe(CREATED_IN);
    // what the handler creates (its events) names the consumer span
    expect(inside).toBe(`00-${TRACE}-${handled.spanContext().spanId}-01`);
  });

  it('marks a failed handling as an error and rethrows', async () => {
    exporter.reset();
    await expect(inConsumerSpan(event, at, () => Promise.reject(new Error('store away')))).rejects.toThrow(
      'store away',
    );
    expect(exporter.getFinishedSpans()[0].status).toMatchObject({ code: 2 });
  });
});
