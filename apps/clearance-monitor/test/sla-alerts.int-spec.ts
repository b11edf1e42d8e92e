import { Clock } from '@tongguan/clock';
import { Events } from '@tongguan/contracts';
import {
  ApiClient,
  EventTap,
  eventually,
  ServiceProcesses,
  testEnvironment,
  tokenFor,
} from '@tongguan/testing';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hoursAfter } from '../src/testing/worked-example';
import { metric, pipelineEvents, publishAll } from './monitor.fixtures';

// one real second is one business hour; an 8-hour target is reached 8 seconds after arrival
const CLOCK_SPEED = 3600;
const CLOCK_EPOCH = '2026-03-02T00:00:00.000Z';
const TARGET_HOURS = 8;
const AT_RISK = Events.ClearanceSlaAtRisk.type;
const BREACHED = Events.ClearanceSlaBreached.type;

const env = testEnvironment('slaalerts');
// two instances of the monitor on one database and consumer group, as a scaled-out deployment runs
const instances = [new ServiceProcesses(env), new ServiceProcesses(env)];
const tap = new EventTap(process.env.KAFKA_BROKERS!, env.TOPIC_PREFIX);
let apis: ApiClient[];
let clock: Clock;
let webhook: Server;
/** What the webhook received, in order; its first answer is a 503 to show that delivery retries. */
const received: { body: { type: string; id: string }; contentType: string | undefined }[] = [];
let refusedFirst = false;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  webhook = createServer((request, response) => {
    void readBody(request).then((text) => {
      if (!refusedFirst) {
        refusedFirst = true;
        response.writeHead(503).end();
        return;
      }
      received.push({ body: JSON.parse(text), contentType: request.headers['content-type'] });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  const { port } = webhook.address() as AddressInfo;
  await tap.start(['port.events.v1', 'declaration.events.v1', 'clearance.alerts.v1']);
  const anchor = new Date().toISOString();
  clock = new Clock({ epoch: CLOCK_EPOCH, speed: CLOCK_SPEED, anchor });
  const settings = {
    CLOCK_EPOCH,
    CLOCK_SPEED: String(CLOCK_SPEED),
    CLOCK_ANCHOR: anchor,
    SLA_TARGET_HOURS: String(TARGET_HOURS),
    SLA_SCAN_MS: '200',
    SLA_ALERT_WEBHOOK_URL: `http://127.0.0.1:${port}/alerts`,
    SLA_ALERT_WEBHOOK_BACKOFF_MS: '100',
  };
  for (const instance of instances)
    await instance.start(['clearance-monitor'], { 'clearance-monitor': settings });
  apis = instances.map((instance) => new ApiClient(instance.url('clearance-monitor')));
});

afterAll(async () => {
  await tap.stop();
  await Promise.all(instances.map((instance) => instance.stopAll()));
  await new Promise((resolve) => webhook.close(resolve));
});

const distinctIds = (type: string) => [...new Set(tap.ofType(type).map((m) => m.headers.ce_id))];

/** A counter summed over both instances (each counts what it did itself). */
async function fleetMetric(name: string, labels: Record<string, string> = {}): Promise<number> {
  const values = await Promise.all(apis.map((api) => metric(api, name, labels)));
  return values.reduce((a, b) => a + b, 0);
}

describe('SLA alerts on the accelerated clock', () => {
  it('raises at-risk from the prediction before the breach, each once across two instances, on Kafka and the webhook', async () => {
    const ops = apis[0].as(tokenFor('ops'));
    const arrival = clock.now().toISOString();
    // one released 2 business hours after arrival, which never alerts (the two instances may each hold
    // one of the two topics and fold them into its timeline at once: neither stamp is lost); once it is
    // folded the consumers run, so the clock of the next one starts when they can see it
    await publishAll(tap, pipelineEvents('SLA-QUICK-1', { arrival, released: hoursAfter(arrival, 2) }));
    await eventually(
      async () => (await ops.get('/v1/shipments/SLA-QUICK-1/timeline')).body?.released != null,
      30_000,
      'SLA-QUICK-1 folded',
    );
    // and one that stays before filing, arriving now
    await publishAll(tap, pipelineEvents('SLA-STUCK-1', { arrival: clock.now().toISOString() }));

    const atRisk = await tap.waitFor((m) => m.headers.ce_type === AT_RISK, 30_000, 'ClearanceSlaAtRisk');
    const breached = await tap.waitFor((m) => m.headers.ce_type === BREACHED, 30_000, 'ClearanceSlaBreached');
    expect(atRisk.key).toBe('SLA-STUCK-1');
    expect(Date.parse(atRisk.headers.ce_time)).toBeLessThan(Date.parse(breached.headers.ce_time));
    // default stage times (no history): filing 0.8 h, then risk 0.4 + inspection 2 + release 0.4, so the
    // prediction passes 8 h once 5.2 h have elapsed, before the 6-hour elapsed fallback (0.75 × 8)
    expect(atRisk.payload).toMatchObject({
      shipmentId: 'SLA-STUCK-1',
      targetHours: TARGET_HOURS,
      stage: 'filing',
    });
    expect(atRisk.payload.elapsedHours).toBeLessThan(TARGET_HOURS * 0.75);
    expect(atRisk.payload.predictedHours).toBeGreaterThan(TARGET_HOURS);
    expect(breached.payload).toMatchObject({
      shipmentId: 'SLA-STUCK-1',
      targetHours: TARGET_HOURS,
      stage: 'filing',
    });
    expect(breached.payload.elapsedHours).toBeGreaterThan(TARGET_HOURS);

    const timeline = await ops.get('/v1/shipments/SLA-STUCK-1/timeline');
    expect(timeline.body).toMatchObject({ slaState: 'breached', stage: 'filing', agency: 'importer' });

    // the webhook got both (after one refused POST), as CloudEvents JSON with the Kafka ids
    await eventually(() => received.length >= 2, 30_000, 'two webhook deliveries');
    expect(refusedFirst).toBe(true);
    expect(received.map((r) => r.body.type)).toEqual([AT_RISK, BREACHED]);
    expect(received[0]).toMatchObject({
      contentType: 'application/json',
      body: { specversion: '1.0', id: atRisk.headers.ce_id, subject: 'SLA-STUCK-1', data: atRisk.payload },
    });
    expect(received[1].body.id).toBe(breached.headers.ce_id);
    expect(await fleetMetric('tongguan_clearance_alert_webhook_deliveries_total', { outcome: 'retry' })).toBe(
      1,
    );
    expect(await fleetMetric('tongguan_clearance_sla_at_risk_total', { reason: 'prediction' })).toBe(1);
    expect(await fleetMetric('tongguan_clearance_sla_breaches_total')).toBe(1);

    // many scans later, and after one instance crashed and restarted, still one of each
    await instances[0].restart('clearance-monitor');
    await new Promise((r) => setTimeout(r, 3_000));
    // (two outbox relays may both send one staged event, under its one ce_id, which consumers drop)
    expect(distinctIds(AT_RISK)).toHaveLength(1);
    expect(distinctIds(BREACHED)).toHaveLength(1);
    expect(received).toHaveLength(2);
    expect(tap.ofType(AT_RISK, 'SLA-QUICK-1')).toHaveLength(0);
    const summary = await apis[1].as(tokenFor('ops')).get('/v1/shipments/in-flight/summary');
    expect(summary.body).toMatchObject({ count: 1, breached: 1, queues: { importer: 1 } });
    const breachedList = await apis[0].as(tokenFor('ops')).get('/v1/shipments?state=breached');
    expect(breachedList.body.items).toEqual([
      expect.objectContaining({ shipmentId: 'SLA-STUCK-1', sla: 'breached' }),
    ]);
  });
});
