import {
  ApiClient,
  EventTap,
  eventually,
  ServiceProcesses,
  testEnvironment,
  tokenFor,
} from '@tongguan/testing';
import {
  distinctEvents,
  DUTY_ASSESSED,
  dutyAssessed,
  metricCounter,
  PAYMENT_REQUESTED,
  PAYMENT_SETTLED,
  portFeesMinor,
  perBlFees,
  publishDutyAssessed,
} from './payments.fixtures';
import { readAgencyRegistry } from '@tongguan/agencies';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// starting a service and waiting on Kafka outlast jest's default 5 s (the project's testTimeout is not applied)

// a copy of the agency registry with its own trader/payment limit: the dueAt shown must follow it
const PAYMENT_LIMIT_HOURS = 30;
const registryFile = path.join(os.tmpdir(), `payments-agencies-${process.pid}.json`);
const env = testEnvironment('payments', { AGENCY_REGISTRY_FILE: registryFile });
const processes = new ServiceProcesses(env);
const tap = new EventTap(process.env.KAFKA_BROKERS!, env.TOPIC_PREFIX);
let api: ApiClient;
const importer = () => api.as(tokenFor('importer', 'TRADER-1'));

async function requestedPayment(payload = dutyAssessed()) {
  const ceId = await publishDutyAssessed(tap, payload);
  const message = await tap.waitFor(
    (m) => m.headers.ce_type === PAYMENT_REQUESTED && m.key === payload.shipmentId,
    30_000,
    `PaymentRequested for ${payload.shipmentId}`,
  );
  return { payload, ceId, message, paymentId: message.payload.paymentId as string };
}

beforeAll(async () => {
  const registry = structuredClone(readAgencyRegistry({}).data);
  registry.traderSteps.steps.find((s) => s.id === 'payment')!.limitHours = PAYMENT_LIMIT_HOURS;
  fs.writeFileSync(registryFile, JSON.stringify(registry));
  await tap.start(['declaration.events.v1', 'logistics.events.v1']);
  await processes.start(['logistics-trading']);
  api = new ApiClient(processes.url('logistics-trading'));
});

afterAll(async () => {
  await tap.stop();
  await processes.stopAll();
  fs.rmSync(registryFile, { force: true });
});

describe('payments', () => {
  it('requests one payment of duty, VAT and port fees when duty is assessed', async () => {
    const { payload, ceId, message } = await requestedPayment();
    expect(message.headers).toMatchObject({
      ce_source: 'logistics-trading',
      ce_subject: payload.shipmentId,
      ce_causationid: ceId,
    });
    const lines = message.payload.lines as { code: string; amountMinor: number }[];
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'CUSTOMS_DUTY', amountMinor: payload.dutyMinor }),
        expect.objectContaining({ code: 'IMPORT_VAT', amountMinor: payload.vatMinor }),
        ...perBlFees.map((fee) => expect.objectContaining({ code: fee.code, amountMinor: fee.amountMinor })),
      ]),
    );
    expect(message.payload).toMatchObject({
      importerId: 'TRADER-1',
      currency: 'CNY',
      totalMinor: payload.totalMinor + portFeesMinor,
    });
  });

  it('lets the importer list and settle its payment once; the same key replays the receipt without a second event', async () => {
    const { payload, paymentId } = await requestedPayment();
    const listed = await importer().get(
      `/v1/payments?shipmentId=${payload.shipmentId.toLowerCase()}&status=requested`,
    );
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ total: 1, page: 1, items: [{ id: paymentId, status: 'requested' }] });
    const { requestedAt, dueAt } = listed.body.items[0];
    expect(listed.body.items[0]).toMatchObject({ limitHours: PAYMENT_LIMIT_HOURS, overdue: false });
    expect((Date.parse(dueAt) - Date.parse(requestedAt)) / 3_600_000).toBe(PAYMENT_LIMIT_HOURS);

    const key = `settle-${randomUUID()}`;
    const first = await importer().post(`/v1/payments/${paymentId}/settlements`, { idempotencyKey: key });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      paymentId,
      status: 'settled',
      method: 'gateway',
      totalMinor: payload.totalMinor + portFeesMinor,
      currency: 'CNY',
    });
    const settled = await tap.waitFor(
      (m) => m.headers.ce_type === PAYMENT_SETTLED && m.key === payload.shipmentId,
    );
    expect(settled.payload).toMatchObject({
      paymentId,
      method: 'gateway',
      receiptNumber: first.body.receiptNumber,
    });

    const again = await importer().post(`/v1/payments/${paymentId}/settlements`, { idempotencyKey: key });
    expect([200, 201]).toContain(again.status);
    expect(again.body).toEqual(first.body);

    const otherKey = await importer().post(`/v1/payments/${paymentId}/settlements`, {
      idempotencyKey: `other-${randomUUID()}`,
    });
    expect(otherKey.status).toBe(409);
    expect(otherKey.body.code).toBe('PAYMENT.ALREADY_SETTLED');

    const shown = await importer().get(`/v1/payments/${paymentId}`);
    expect(shown.body).toMatchObject({
      status: 'settled',
      receiptNumber: first.body.receiptNumber,
      settledWithinLimit: true,
      overdue: false,
    });
    await new Promise((r) => setTimeout(r, 2_000)); // room for a wrongly staged second event to arrive
    expect(distinctEvents(tap, PAYMENT_SETTLED, payload.shipmentId)).toHaveLength(1);
  });

  it("answers another importer's payment as not found, while customs and ops see it", async () => {
    const { payload, paymentId } = await requestedPayment();
    const stranger = api.as(tokenFor('importer', 'TRADER-2'));
    expect((await stranger.get(`/v1/payments/${paymentId}`)).status).toBe(404);
    const settle = await stranger.post(`/v1/payments/${paymentId}/settlements`, {
      idempotencyKey: 'stranger-key-1',
    });
    expect(settle.status).toBe(404);
    expect(settle.body.code).toBe('PAYMENT.NOT_FOUND');
    expect((await stranger.get(`/v1/payments?shipmentId=${payload.shipmentId}`)).body).toMatchObject({
      total: 0,
      items: [],
    });
    for (const role of ['customs', 'ops'] as const) {
      expect((await api.as(tokenFor(role)).get(`/v1/payments/${paymentId}`)).body).toMatchObject({
        id: paymentId,
      });
    }
    const customs = api.as(tokenFor('customs'));
    const bySomeoneElse = { idempotencyKey: 'customs-key' };
    expect((await customs.post(`/v1/payments/${paymentId}/settlements`, bySomeoneElse)).status).toBe(403);
    expect((await customs.get(`/v1/payments/${paymentId}`)).body.status).toBe('requested');
    expect((await api.get(`/v1/payments/${paymentId}`)).status).toBe(401);
  });

  it('creates no second payment for a redelivered DutyAssessed, nor for a repeat under a new id', async () => {
    const { payload, ceId } = await requestedPayment();
    const duplicates = await metricCounter(api, 'tongguan_events_duplicate_total', DUTY_ASSESSED);
    const handled = await metricCounter(api, 'tongguan_events_consumed_total', DUTY_ASSESSED);
    await publishDutyAssessed(tap, payload, ceId);
    await publishDutyAssessed(tap, { ...payload, dutyMinor: 1, vatMinor: 1, totalMinor: 2 });
    await eventually(
      async () =>
        (await metricCounter(api, 'tongguan_events_duplicate_total', DUTY_ASSESSED)) === duplicates + 1,
      30_000,
      'the redelivery to be skipped',
    );
    await eventually(
      async () => (await metricCounter(api, 'tongguan_events_consumed_total', DUTY_ASSESSED)) === handled + 1,
      30_000,
      'the repeat to be handled',
    );

    const listed = await api.as(tokenFor('ops')).get(`/v1/payments?shipmentId=${payload.shipmentId}`);
    expect(listed.body.total).toBe(1);
    expect(listed.body.items[0].totalMinor).toBe(payload.totalMinor + portFeesMinor);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(distinctEvents(tap, PAYMENT_REQUESTED, payload.shipmentId)).toHaveLength(1);
  });

  it('asks once for the difference a higher version leaves owing after a settlement on version 1, and says what each covers', async () => {
    const { payload, paymentId: first } = await requestedPayment();
    const v1 = payload.totalMinor;
    const announced = tap.ofType(PAYMENT_REQUESTED, payload.shipmentId)[0].payload;
    expect(announced).toMatchObject({
      declarationId: payload.declarationId,
      declarationVersion: 1,
      assessedMinor: v1,
      dutiesAndTaxesMinor: v1,
    });
    const key = `settle-${randomUUID()}`;
    expect((await importer().post(`/v1/payments/${first}/settlements`, { idempotencyKey: key })).status).toBe(
      201,
    );
    const settledV1 = await tap.waitFor(
      (m) => m.headers.ce_type === PAYMENT_SETTLED && m.payload.paymentId === first,
    );
    expect(settledV1.payload).toMatchObject({
      declarationId: payload.declarationId,
      declarationVersion: 1,
      assessedMinor: v1,
      dutiesAndTaxesMinor: v1,
      amountMinor: v1 + portFeesMinor,
    });

    // version 2 assesses a hundred times as much; the declaration announces it, and again after a short settlement
    const v2 = {
      ...payload,
      declarationVersion: 2,
      dutyMinor: payload.dutyMinor * 100,
      vatMinor: payload.vatMinor * 100,
    };
    v2.totalMinor = v2.dutyMinor + v2.vatMinor;
    await publishDutyAssessed(tap, v2);
    await publishDutyAssessed(tap, v2);
    const difference = await tap.waitFor(
      (m) =>
        m.headers.ce_type === PAYMENT_REQUESTED &&
        m.key === payload.shipmentId &&
        m.payload.paymentId !== first,
      30_000,
      'the request for the difference',
    );
    expect(difference.payload).toMatchObject({
      declarationId: payload.declarationId,
      declarationVersion: 2,
      assessedMinor: v2.totalMinor,
      dutiesAndTaxesMinor: v2.totalMinor - v1,
      // the port fees went with the first request
      totalMinor: v2.totalMinor - v1,
    });
    // an older version's late assessment changes nothing either
    await publishDutyAssessed(tap, payload);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(distinctEvents(tap, PAYMENT_REQUESTED, payload.shipmentId)).toHaveLength(2);
    const listed = await api.as(tokenFor('ops')).get(`/v1/payments?shipmentId=${payload.shipmentId}`);
    expect(listed.body.total).toBe(2);
    const rest = difference.payload.paymentId as string;
    expect(listed.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: first, sequence: 1, declarationVersion: 1, assessedMinor: v1 }),
        expect.objectContaining({
          id: rest,
          sequence: 2,
          declarationVersion: 2,
          assessedMinor: v2.totalMinor,
        }),
      ]),
    );

    const paid = await importer().post(`/v1/payments/${rest}/settlements`, {
      idempotencyKey: `settle-${randomUUID()}`,
    });
    expect(paid.body).toMatchObject({ status: 'settled', portFeesMinor: 0, totalMinor: v2.totalMinor - v1 });
    const settledV2 = await tap.waitFor(
      (m) => m.headers.ce_type === PAYMENT_SETTLED && m.payload.paymentId === rest,
    );
    expect(settledV2.payload).toMatchObject({
      declarationVersion: 2,
      dutiesAndTaxesMinor: v2.totalMinor - v1,
    });
  });

  it('refuses a settlement body with unknown fields or a bad key, listing every problem', async () => {
    const { paymentId } = await requestedPayment();
    const bad = await importer().post(`/v1/payments/${paymentId}/settlements`, {
      idempotencyKey: 'short',
      amountMinor: 1,
      method: 'cash',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('REQUEST.INVALID');
    const paths = (bad.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['idempotencyKey', 'amountMinor', 'method']));

    const missing = await importer().post(`/v1/payments/${paymentId}/settlements`, {});
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'idempotencyKey' })]),
    );

    const query = await importer().get('/v1/payments?pageSize=1000&status=paid&colour=red');
    expect(query.status).toBe(422);
    expect((query.body.errors as { path: string }[]).map((e) => e.path)).toEqual(
      expect.arrayContaining(['pageSize', 'status', 'colour']),
    );
    expect((await importer().get(`/v1/payments/${paymentId}`)).body.status).toBe('requested');
  });
});
