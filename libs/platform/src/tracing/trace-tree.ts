/** A span as an OTLP/JSON export carries it, flattened with its service's name. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  service: string;
  startMs: number;
  durationMs: number;
  attributes: Record<string, string | number | boolean>;
}

type OtlpValue = {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
};
type OtlpAttribute = { key: string; value?: OtlpValue };
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  attributes?: OtlpAttribute[];
}
interface OtlpTraces {
  resourceSpans?: { resource?: { attributes?: OtlpAttribute[] }; scopeSpans?: { spans?: OtlpSpan[] }[] }[];
}

function attributesOf(list: OtlpAttribute[] = []): ReceivedSpan['attributes'] {
  const out: ReceivedSpan['attributes'] = {};
  for (const { key, value = {} } of list) {
    const v = value.stringValue ?? value.boolValue ?? value.doubleValue ?? value.intValue;
    if (v !== undefined) out[key] = typeof v === 'string' && 'intValue' in value ? Number(v) : v;
  }
  return out;
}

const nanosToMs = (nanos: string | number) => Number(BigInt(nanos) / 1000n) / 1000;

/** The spans of one OTLP/JSON ExportTraceServiceRequest (what POST /v1/traces carries as http/json). */
export function spansOfOtlpJson(body: unknown): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (const resourceSpans of (body as OtlpTraces).resourceSpans ?? []) {
    const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name'] ?? '?');
    for (const scope of resourceSpans.scopeSpans ?? [])
      for (const span of scope.spans ?? []) {
        const startMs = nanosToMs(span.startTimeUnixNano);
        spans.push({
          traceId: span.traceId,
          spanId: span.spanId,
          ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
          name: span.name,
          service,
          startMs,
          durationMs: Math.round((nanosToMs(span.endTimeUnixNano) - startMs) * 1000) / 1000,
          attributes: attributesOf(span.attributes),
        });
      }
  }
  return spans;
}

/** The traces a shipment's spans are in (a span names it by tongguan.shipment_id), earliest first. */
export function tracesOfShipment(spans: ReceivedSpan[], shipmentId: string): ReceivedSpan[][] {
  const ids = new Set(
    spans.filter((span) => span.attributes['tongguan.shipment_id'] === shipmentId).map((s) => s.traceId),
  );
  return [...ids]
    .map((id) => spans.filter((span) => span.traceId === id))
    .sort((a, b) => Math.min(...a.map((s) => s.startMs)) - Math.min(...b.map((s) => s.startMs)));
}

/**
 * One trace as an indented tree, a line per span: service, span name, duration; children in start
 * order. A span whose parent was not received (another system's, or lost) is shown as a root.
 */
export function formatTraceTree(trace: ReceivedSpan[]): string {
  const ids = new Set(trace.map((span) => span.spanId));
  const children = new Map<string | undefined, ReceivedSpan[]>();
  for (const span of trace) {
    const parent = span.parentSpanId && ids.has(span.parentSpanId) ? span.parentSpanId : undefined;
    children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  const lines: string[] = [];
  const walk = (parent: string | undefined, depth: number) => {
    for (const span of (children.get(parent) ?? []).sort((a, b) => a.startMs - b.startMs)) {
      lines.push(`${'  '.repeat(depth)}${span.service}  ${span.name}  ${span.durationMs.toFixed(1)} ms`);
      walk(span.spanId, depth + 1);
    }
  };
  walk(undefined, 0);
  return lines.join('\n');
}
