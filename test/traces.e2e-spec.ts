import { Events } from '@tongguan/contracts';
import { formatTraceTree, type ReceivedSpan, startOtlpJsonReceiver } from '@tongguan/platform';
import { eventually, uniqueBl } from '@tongguan/testing';
import fs from 'node:fs';
import path from 'node:path';
import { Platform } from './support/platform';

const SERVICES = ['declaration', 'inspection', 'logistics-trading', 'port-exchange', 'clearance-monitor'];
// the importer's client starts the journey's trace and sends it with each of its requests (fixed ids:
// nothing in the test depends on a draw)
const TRACE_ID = '7f3a9c0e5b2d4e8f9a1b2c3d4e5f6a7b';
const CLIENT_SPAN = 'c1e2a3b4c5d6e7f8';
const TRACEPARENT = `00-${TRACE_ID}-${CLIENT_SPAN}-01`;
const OUT = path.join(__dirname, '..', '.local', 'traces');
const [PUBLISH, PROCESS] = ['publish', 'process'].map(
  (operation) => (name: keyof typeof Events) => `${operation} ${Events[name].type}`,
);

/**
 * OpenTelemetry across the hops: the five services export by OTLP (http/json) to a receiver in this
 * test; one shipment's lodge → release is one trace with spans from every service, HTTP, Kafka and store.
 */
describe('traces across HTTP, Kafka and the store', () => {
  const spans: ReceivedSpan[] = [];
  let receiver: Awaited<ReturnType<typeof startOtlpJsonReceiver>>;
  let platform: Platform;

  beforeAll(async () => {
    receiver = await startOtlpJsonReceiver((batch) => spans.push(...batch));
    platform = new Platform('traces', {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.port}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    await platform.start();
  });
  afterAll(async () => {
    await platform?.stop();
    await receiver?.close();
  });

  it("makes one GREEN shipment's lodge → release one trace with spans from all five services", async () => {
    const bl = uniqueBl('TRCU');
    await platform.arrive(bl);
    const untraced = platform.api;
    platform.api = Object.fromEntries(
      Object.entries(untraced).map(([name, client]) => [name, client.with({ traceparent: TRACEPARENT })]),
    ) as typeof untraced;
    await platform.lodge(bl);
    expect(await platform.channelOf(bl)).toBe('GREEN');
    await platform.pay(bl);
    const released = await platform.waitForEvent('ShipmentReleased', bl);
    platform.api = untraced;

    // the event names the trace on Kafka: ce_traceparent (CloudEvents distributed tracing)
    expect(released.headers.ce_traceparent).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));

    // one tree: from each service's handling of the release, parent links lead back to the client.
    // Each service exports on its own schedule, so wait until every link of those chains has arrived.
    const releaseConsumers = ['port-exchange', 'logistics-trading', 'clearance-monitor'];
    const pathUp = (trace: ReceivedSpan[], span: ReceivedSpan): string[] => {
      const byId = new Map(trace.map((s) => [s.spanId, s]));
      const names: string[] = [];
      let at: ReceivedSpan | undefined = span;
      while (at) {
        names.push(`${at.service} ${at.name}`);
        if (at.parentSpanId === CLIENT_SPAN) return [...names, 'client'];
        at = at.parentSpanId ? byId.get(at.parentSpanId) : undefined;
      }
      return names;
    };
    const handledIn = (trace: ReceivedSpan[], service: string) =>
      trace.find((s) => s.service === service && s.name === PROCESS('ShipmentReleased'));
    const trace = await eventually(
      () => {
        const ofTrace = spans.filter((span) => span.traceId === TRACE_ID);
        const whole = releaseConsumers.every((service) => {
          const handled = handledIn(ofTrace, service);
          return handled !== undefined && pathUp(ofTrace, handled).at(-1) === 'client';
        });
        return whole ? ofTrace : undefined;
      },
      30_000,
      'the spans from the client to the release in every consuming service',
    );
    expect(new Set(trace.map((span) => span.service))).toEqual(new Set(SERVICES));
    for (const service of releaseConsumers) {
      const chain = pathUp(trace, handledIn(trace, service)!);
      // the release follows the importer's payment, sent as PaymentSettled by logistics-trading
      expect(chain).toEqual(
        expect.arrayContaining([
          `declaration ${PUBLISH('ShipmentReleased')}`,
          `logistics-trading ${PUBLISH('PaymentSettled')}`,
          'logistics-trading POST /v1/payments/:id/settlements',
        ]),
      );
    }
    // the lodging's chain: the risk assessment descends from the lodging request
    const riskAssessed = trace.find((s) => s.name === PUBLISH('RiskAssessed'));
    expect(pathUp(trace, riskAssessed!)).toEqual(
      expect.arrayContaining(['declaration POST /v1/declarations']),
    );
    // the store's calls are in it, within the handlers' and requests' spans
    const stored = trace.filter((span) => span.attributes['db.system.name'] === 'mongodb');
    expect(new Set(stored.map((span) => span.service))).toEqual(new Set(SERVICES));
    for (const span of trace) expect(span.durationMs).toBeGreaterThanOrEqual(0);

    // what scripts/trace-shipment.js prints, kept for a reader of the run
    fs.mkdirSync(OUT, { recursive: true });
    fs.writeFileSync(path.join(OUT, `${bl}.jsonl`), trace.map((span) => JSON.stringify(span)).join('\n'));
    fs.writeFileSync(path.join(OUT, `${bl}.txt`), `${formatTraceTree(trace)}\n`);
  });
});
