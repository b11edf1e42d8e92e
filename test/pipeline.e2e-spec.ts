import { ALL_TOPICS, deadLetterTopicOf, Events, Topics } from '@tongguan/contracts';
import {
  ApiClient,
  EventTap,
  eventually,
  ServiceProcesses,
  testEnvironment,
  tokenFor,
} from '@tongguan/testing';
import { randomUUID } from 'node:crypto';
import { declarationBody, uniqueBl } from './fixtures';

/**
 * One shipment from vessel call to gate-out through all five services, as separate processes, over
 * the real broker and database.
 */
describe('the clearance pipeline, end to end', () => {
  const env = testEnvironment('pipeline', {
    RISK_RANDOM_RATE: '0',
    CLOCK_SPEED: '60',
    CLOCK_ANCHOR: new Date().toISOString(),
  });
  const services = new ServiceProcesses(env);
  const tap = new EventTap(env.KAFKA_BROKERS, env.TOPIC_PREFIX);
  const importer = tokenFor('importer', 'TRADER-1');
  const port = tokenFor('port', 'TERMINAL-1');
  const officer = tokenFor('inspection', 'OFFICER-9');
  const ops = tokenFor('ops', 'OPS-1');
  let api: Record<'declaration' | 'inspection' | 'logistics' | 'port' | 'monitor', ApiClient>;

  beforeAll(async () => {
    await tap.start([...ALL_TOPICS, ...ALL_TOPICS.map(deadLetterTopicOf)]);
    await services.start([
      'port-exchange',
      'declaration',
      'inspection',
      'logistics-trading',
      'clearance-monitor',
    ]);
    api = {
      declaration: new ApiClient(services.url('declaration')),
      inspection: new ApiClient(services.url('inspection')),
      logistics: new ApiClient(services.url('logistics-trading')),
      port: new ApiClient(services.url('port-exchange')),
      monitor: new ApiClient(services.url('clearance-monitor')),
    };
  });

  afterAll(async () => {
    await services.stopAll();
    await tap.stop();
  });

  it('takes a RED-channel shipment from arrival to gate-out and stamps every TRS stage', async () => {
    const bl = uniqueBl();
    // 1. the port: vessel call, manifest, discharge → CargoArrived [T0]
    const call = await api.port.as(port).post('/v1/vessel-calls', {
      vesselName: 'COSCO SHIPPING ARIES',
      voyage: '042E',
      eta: '2026-03-02T06:00:00Z',
    });
    expect(call.status).toBe(201);
    const manifest = await api.port.as(port).post(`/v1/vessel-calls/${call.body._id}/manifest`, {
      billsOfLading: [
        {
          blNumber: bl,
          consignee: 'SHENZHEN TRADING CO',
          containerNumbers: ['CSQU3054383'],
          packages: 2,
          grossWeightKg: 3100,
        },
      ],
    });
    expect(manifest.status).toBe(201);
    expect(
      (await api.port.as(port).post(`/v1/vessel-calls/${call.body._id}/discharges`, { blNumber: bl })).status,
    ).toBe(200);

    // 2. the importer lodges; goods from a high-risk origin take the RED channel
    const body = declarationBody(bl.toLowerCase(), {});
    body.items[0].originCountry = 'MM';
    const lodged = await api.declaration.as(importer).post('/v1/declarations', body);
    expect(lodged.status).toBe(201);
    expect(lodged.body).toMatchObject({ shipmentId: bl, status: 'accepted' });

    // 3. inspection: RED → a task; the officer passes it → InspectionCompleted [T4]
    const risk = await tap.waitFor(
      (m) => m.headers.ce_type === Events.RiskAssessed.type && m.key === bl,
      30_000,
      'RiskAssessed',
    );
    expect(risk.payload).toMatchObject({ channel: 'RED' });
    const tasks = await eventually(
      async () => {
        const list = await api.inspection.as(officer).get(`/v1/inspection-tasks?shipmentId=${bl}`);
        return list.body.items?.length ? list.body.items : undefined;
      },
      30_000,
      'the inspection task',
    );
    const result = await api.inspection
      .as(officer)
      .post(`/v1/inspection-tasks/${tasks[0].id ?? tasks[0]._id}/result`, { result: 'passed', findings: [] });
    expect(result.status).toBeLessThan(300);

    // 4. one-stop settlement of duty, VAT and port fees → PaymentSettled [T5]
    const payment = await eventually(
      async () => {
        const list = await api.logistics.as(importer).get(`/v1/payments?shipmentId=${bl}`);
        return list.body.items?.[0];
      },
      30_000,
      'the payment request',
    );
    const settled = await api.logistics
      .as(importer)
      .post(`/v1/payments/${payment.id ?? payment._id}/settlements`, { idempotencyKey: randomUUID() });
    expect(settled.status).toBeLessThan(300);

    // 5. customs releases → ShipmentReleased [T6]; 6. the gate lets the cargo out [T7]
    await tap.waitFor(
      (m) => m.headers.ce_type === Events.ShipmentReleased.type && m.key === bl,
      30_000,
      'ShipmentReleased',
    );
    const gate = await eventually(
      async () => {
        const attempt = await api.port
          .as(port)
          .post('/v1/gate-outs', { blNumber: bl, truckPlate: 'YUE-B12345' });
        return attempt.status === 201 ? attempt : undefined;
      },
      30_000,
      'gate-out once the port saw the release',
    );
    expect(gate.body).toMatchObject({ status: 'recorded', shipmentId: bl });

    // 7. the monitor's timeline has every stamp, the channel, the clearance hours and the SLA state
    const timeline = await eventually(
      async () => {
        const answer = await api.monitor.as(ops).get(`/v1/shipments/${bl}/timeline`);
        return answer.status === 200 && answer.body.gateOut ? answer.body : undefined;
      },
      30_000,
      'the complete timeline',
    );
    for (const stamp of [
      'arrival',
      'lodged',
      'accepted',
      'riskAssessed',
      'inspected',
      'paid',
      'released',
      'gateOut',
    ]) {
      expect(Date.parse(timeline[stamp])).not.toBeNaN();
    }
    expect(timeline.channel).toBe('RED');
    expect(timeline.clearanceHours).toBeGreaterThan(0);
    expect(timeline.clearanceHours).toBeCloseTo(
      (Date.parse(timeline.released) - Date.parse(timeline.arrival)) / 3_600_000,
      2,
    );
    expect(timeline.slaState).toBe('met');

    // every message of the shipment is a CloudEvent keyed by the shipment
    const ofShipment = tap.messages.filter((m) => m.key === bl);
    expect(new Set(ofShipment.map((m) => m.topic))).toEqual(
      new Set([Topics.port, Topics.declaration, Topics.inspection, Topics.logistics]),
    );
    for (const message of ofShipment) {
      expect(message.headers).toMatchObject({ ce_specversion: '1.0', ce_subject: bl });
      expect(message.headers.ce_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(message.headers.ce_time)).not.toBeNaN();
    }
    const declaration = await api.declaration.as(importer).get(`/v1/declarations/${lodged.body.id}`);
    expect(declaration.body.statusHistory.map((s: { status: string }) => s.status)).toEqual(
      expect.arrayContaining(['received', 'accepted', 'under-physical-check', 'released', 'goods-exited']),
    );
  });

  it('refuses gate-out for cargo customs has not released, with the reason, and says so on Kafka', async () => {
    const bl = uniqueBl('MSCU');
    const refused = await api.port.as(port).post('/v1/gate-outs', { blNumber: bl, truckPlate: 'YUE-B00001' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('GATE.OUT_REFUSED');
    expect(refused.body.errors.map((e: { message: string }) => e.message)).toContain(
      'not released by customs',
    );
    const event = await tap.waitFor((m) => m.headers.ce_type === Events.GateOutRefused.type && m.key === bl);
    expect(event.payload.reasons).toContain('not released by customs');
  });

  it('answers a malformed declaration with 422 listing every deficiency at once', async () => {
    const body = declarationBody('COSU-BAD-1', {
      currency: 'XXZ',
      incoterm: 'FOO',
      grossWeightKg: 10,
      unexpected: true,
    });
    body.items[0].hsCode = '010121';
    body.items[0].originCountry = 'QQ';
    const answer = await api.declaration.as(importer).post('/v1/declarations', body);
    expect(answer.status).toBe(422);
    const codes = answer.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'unexpected:FIELD_NOT_ALLOWED',
        'incoterm:IS_IN',
        'currency:CURRENCY_UNKNOWN',
        'items.0.hsCode:HS_CODE_UNKNOWN',
        'items.0.originCountry:COUNTRY_UNKNOWN',
        'grossWeightKg:WEIGHT_INCONSISTENT',
      ]),
    );
  });

  it('sends a malformed Kafka message to the dead-letter topic and carries on', async () => {
    const bl = uniqueBl('OOLU');
    const headers = {
      ce_specversion: '1.0',
      ce_id: randomUUID(),
      ce_type: Events.CargoArrived.type,
      ce_source: 'port-exchange',
      ce_time: new Date().toISOString(),
      ce_subject: bl,
    };
    await tap.produce(Topics.port, {
      key: bl,
      value: '{"shipmentId": "' + bl + '", "packages": "many"',
      headers,
    });
    const dead = await tap.waitFor(
      (m) => m.topic === deadLetterTopicOf(Topics.port) && m.key === bl,
      30_000,
      'the dead letter',
    );
    expect(dead.headers.dlq_reason).toBe('payload');
    expect(dead.headers.dlq_error).toMatch(/JSON/);

    // the same consumer still handles the next, valid message of the partition
    const valid = {
      shipmentId: bl,
      vesselCallId: 'VC-1',
      vesselName: 'X',
      voyage: '1',
      containerNumbers: [],
      packages: 1,
      grossWeightKg: 1,
    };
    await tap.produce(Topics.port, {
      key: bl,
      value: JSON.stringify(valid),
      headers: { ...headers, ce_id: randomUUID() },
    });
    const timeline = await eventually(
      async () => {
        const answer = await api.monitor.as(ops).get(`/v1/shipments/${bl}/timeline`);
        return answer.status === 200 ? answer.body : undefined;
      },
      30_000,
      'the valid event to be folded',
    );
    expect(timeline.arrival).not.toBeNull();
  });

  it('guards every service: no token → 401, wrong role → 403, and health, metrics and docs are open', async () => {
    expect((await api.declaration.get('/v1/declarations')).status).toBe(401);
    expect((await api.monitor.as(importer).get('/v1/stats/clearance')).status).toBe(403);
    for (const client of Object.values(api)) {
      expect((await client.get('/health')).body.status).toBe('up');
      expect((await client.get('/metrics')).body).toContain('tongguan_http_request_seconds');
      expect((await client.get('/openapi.json')).body.openapi).toMatch(/^3\./);
    }
    const stats = await api.monitor.as(ops).get('/v1/stats/clearance');
    expect(stats.body).toMatchObject({ targetHours: 20, count: expect.any(Number) });
  });
});
