import { formatTraceTree, spansOfOtlpJson, tracesOfShipment } from './trace-tree';

const TRACE = 'a'.repeat(32);
const span = (spanId: string, name: string, startNs: number, endNs: number, parentSpanId?: string) => ({
  traceId: TRACE,
  spanId,
  ...(parentSpanId ? { parentSpanId } : {}),
  name,
  startTimeUnixNano: String(startNs),
  endTimeUnixNano: String(endNs),
  attributes: parentSpanId ? [] : [{ key: 'tongguan.shipment_id', value: { stringValue: 'COSU1' } }],
});
const resource = (service: string) => ({
  attributes: [{ key: 'service.name', value: { stringValue: service } }],
});

// an OTLP/JSON export as the http/json exporter sends it: two services, a request and its handler
const exported = {
  resourceSpans: [
    {
      resource: resource('declaration'),
      scopeSpans: [{ spans: [span('0000000000000001', 'POST /v1/declarations', 1_000_000, 13_500_000)] }],
    },
    {
      resource: resource('inspection'),
      scopeSpans: [
        {
          spans: [
            span('0000000000000003', 'save risk_assessments', 21_000_000, 22_000_000, '0000000000000002'),
            span(
              '0000000000000002',
              'process DeclarationAccepted',
              20_000_000,
              25_250_000,
              '0000000000000001',
            ),
          ],
        },
      ],
    },
  ],
};

describe('trace tree', () => {
  it('reads the spans of an OTLP/JSON export with their service and duration', () => {
    const [first] = spansOfOtlpJson(exported);
    expect(first).toEqual({
      traceId: TRACE,
      spanId: '0000000000000001',
      name: 'POST /v1/declarations',
      service: 'declaration',
      startMs: 1,
      durationMs: 12.5,
      attributes: { 'tongguan.shipment_id': 'COSU1' },
    });
  });

  it("finds a shipment's trace and prints it as a tree: service, span, duration", () => {
    const [trace] = tracesOfShipment(spansOfOtlpJson(exported), 'COSU1');
    expect(formatTraceTree(trace)).toBe(
      [
        'declaration  POST /v1/declarations  12.5 ms',
        '  inspection  process DeclarationAccepted  5.3 ms',
        '    inspection  save risk_assessments  1.0 ms',
      ].join('\n'),
    );
    expect(tracesOfShipment(spansOfOtlpJson(exported), 'OTHER1')).toEqual([]);
  });
});
