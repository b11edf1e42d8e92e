import { deadLetterTopicOf, Events, Topics } from '@tongguan/contracts';
import { declarationBody, eventually, uniqueBl } from '@tongguan/testing';
import { randomUUID } from 'node:crypto';
import { Platform, tokens } from './support/platform';

/**
 * One shipment from vessel call to gate-out through all five services, as separate processes, over
 * the real broker and database; plus the platform's answers to bad input.
 */
describe('the clearance pipeline, end to end', () => {
  const platform = new Platform('pipeline', { CLOCK_SPEED: '60', CLOCK_ANCHOR: new Date().toISOString() });
  const { tap } = platform;

  beforeAll(() => platform.start());
  afterAll(() => platform.stop());

  it('takes a RED-channel shipment from arrival to gate-out and stamps every TRS stage', async () => {
    const bl = uniqueBl();
    await platform.arrive(bl);
    // goods from a high-risk origin take the RED channel; the B/L is normalised from lower case
    const declarationId = await platform.lodge(bl.toLowerCase(), { originCountry: 'MM' });
    expect(await platform.channelOf(bl)).toBe('RED');
    expect((await platform.decide(bl, 'passed')).status).toBeLessThan(300);
    await platform.pay(bl);
    await platform.waitForEvent('ShipmentReleased', bl);
    const gate = await platform.gateOutOnceReleased(bl);
    expect(gate.body).toMatchObject({ status: 'recorded', shipmentId: bl });

    const timeline = await platform.timeline(bl, (t) => t.gateOut !== null);
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
    const declaration = await platform.declaration(declarationId);
    expect(declaration.body.statusHistory.map((s: { status: string }) => s.status)).toEqual(
      expect.arrayContaining(['received', 'accepted', 'under-physical-check', 'released', 'goods-exited']),
    );
    // and the changes no other event announces are pushed as DeclarationStatusChanged
    const pushed = await eventually(
      () => {
        const statuses = tap
          .ofType(Events.DeclarationStatusChanged.type, bl)
          .map((m) => m.payload.status as string);
        return statuses.includes('goods-exited') ? statuses : undefined;
      },
      30_000,
      'the status events',
    );
    expect(pushed).toEqual(expect.arrayContaining(['under-physical-check', 'accepted', 'goods-exited']));
  });

  it('refuses gate-out for cargo customs has not released, with the reason, and says so on Kafka', async () => {
    const bl = uniqueBl('MSCU');
    const refused = await platform.gateOut(bl);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('GATE.OUT_REFUSED');
    expect(refused.body.errors.map((e: { message: string }) => e.message)).toContain(
      'not released by customs',
    );
    const event = await platform.waitForEvent('GateOutRefused', bl);
    expect(event.payload.reasons).toContain('not released by customs');
  });

  it('answers a malformed declaration with 422 listing every deficiency at once', async () => {
    const body = declarationBody('COSU-BAD-1', {
      currency: 'XXZ',
      incoterm: 'FOO',
      grossWeightKg: 10,
      unexpected: true,
    });
    body.items[0].hsCode = '0101210000';
    body.items[0].originCountry = 'QQ';
    const answer = await platform.api.declaration.as(tokens.importer).post('/v1/declarations', body);
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
        // no manifest names this B/L yet: the advance manifest rule is one more deficiency
        'blNumber:BL_NOT_MANIFESTED',
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
    await tap.produce(Topics.port, { key: bl, value: `{"shipmentId": "${bl}", "packages": "many"`, headers });
    const dead = await tap.waitFor(
      (m) => m.topic === deadLetterTopicOf(Topics.port) && m.key === bl,
      30_000,
      'the dead letter',
    );
    expect(dead.headers.dlq_reason).toBe('PAYLOAD_INVALID');
    expect(dead.headers.dlq_error).toMatch(/JSON/);

    // the same consumer still handles the next, valid message of the partition
    await tap.publish('CargoArrived', {
      shipmentId: bl,
      vesselCallId: 'VC-1',
      vesselName: 'X',
      voyage: '1',
      containerNumbers: [],
      packages: 1,
      grossWeightKg: 1,
    });
    const timeline = await platform.timeline(bl);
    expect(timeline.arrival).not.toBeNull();
  });

  it('guards every service: no token → 401, wrong role → 403, and health, metrics and docs are open', async () => {
    const { api } = platform;
    expect((await api.declaration.get('/v1/declarations')).status).toBe(401);
    expect((await api.monitor.as(tokens.importer).get('/v1/stats/clearance')).status).toBe(403);
    for (const client of Object.values(api)) {
      expect((await client.get('/health')).body.status).toBe('up');
      expect((await client.get('/metrics')).body).toContain('tongguan_http_request_seconds');
      expect((await client.get('/openapi.json')).body.openapi).toMatch(/^3\./);
    }
    const stats = await api.monitor.as(tokens.ops).get('/v1/stats/clearance');
    expect(stats.body).toMatchObject({ targetHours: 20, count: expect.any(Number) });
  });
});
