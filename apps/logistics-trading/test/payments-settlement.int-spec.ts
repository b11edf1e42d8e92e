import {
  ApiClient,
  EventTap,
  eventually,
  ServiceProcesses,
  testEnvironment,
  tokenFor,
} from '@tongguan/testing';
import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CARGO_ARRIVED,
  containerStorage,
  distinctEvents,
  dutyAssessed,
  metricCounter,
  PAYMENT_REQUESTED,
  PAYMENT_SETTLED,
  portFeesMinor,
  publishCargoArrived,
  publishDutyAssessed,
} from './payments.fixtures';

// The business clock of the service under test stands at 10 March 2026, 12:00 in the port (+08:00) and
// runs at real speed, so every test here happens on that day.
const BUSINESS_NOW = '2026-03-10T12:00:00+08:00';
const AEO_TRADER = 'TRADER-AEO-1';
const LAPSED_TRADER = 'TRADER-AEO-2';
const GUARANTEE = 'BG-TEST-0001';
// room for one shipment of the fixture (duty 5 802.45 + port fees 1 430.00 yuan), not for two
const GUARANTEE_LIMIT_MINOR = 10_000_00;

const registryDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guarantees-'));
const registryFile = path.join(registryDir, 'guarantees.json');
fs.writeFileSync(
  registryFile,
  JSON.stringify({
    guarantees: [
      {
        traderId: AEO_TRADER,
        aeoCertificate: 'AEO-CN-4403-9001',
        guaranteeNumber: GUARANTEE,
        bank: 'Test Bank, Shenzhen Branch',
        currency: 'CNY',
        limitMinor: GUARANTEE_LIMIT_MINOR,
        validUntil: '2026-12-31T23:59:59+08:00',
      },
      {
        traderId: LAPSED_TRADER,
        aeoCertificate: 'AEO-CN-4403-9002',
        guaranteeNumber: 'BG-TEST-0002',
        bank: 'Test Bank, Shenzhen Branch',
        currency: 'CNY',
        limitMinor: GUARANTEE_LIMIT_MINOR,
        validUntil: '2026-02-28T23:59:59+08:00',
      },
    ],
  }),
);

const env = testEnvironment('payments-settlement', {
  CLOCK_EPOCH: new Date(BUSINESS_NOW).toISOString(),
  CLOCK_SPEED: '1',
  CLOCK_ANCHOR: new Date().toISOString(),
  GUARANTEES_FILE: registryFile,
});
const processes = new ServiceProcesses(env);
const tap = new EventTap(process.env.KAFKA_BROKERS!, env.TOPIC_PREFIX);
const database = new mongoose.mongo.MongoClient(process.env.MONGO_URI!);
let api: ApiClient;
const as = (party: string) => api.as(tokenFor('importer', party));

async function requestedPayment(payload = dutyAssessed()) {
  await publishDutyAssessed(tap, payload);
  const message = await tap.waitFor(
    (m) => m.headers.ce_type === PAYMENT_REQUESTED && m.key === payload.shipmentId,
    30_000,
    `PaymentRequested for ${payload.shipmentId}`,
  );
  return { payload, message, paymentId: message.payload.paymentId as string };
}

/** What the (local) payment gateway charged for a payment: its ledger, as the bank would show it. */
function gatewayCharges(paymentId: string) {
  return database
    .db(`${env.MONGO_DB_PREFIX}logistics_trading`)
    .collection('gateway_charges')
    .find({ paymentId })
    .toArray();
}

const settle = (party: string, paymentId: string, body: object) =>
  as(party).post(`/v1/payments/${paymentId}/settlements`, body);

beforeAll(async () => {
  await tap.start(['declaration.events.v1', 'port.events.v1', 'logistics.events.v1']);
  await processes.start(['logistics-trading']);
  api = new ApiClient(processes.url('logistics-trading'));
  await database.connect();
});

afterAll(async () => {
  await tap.stop();
  await processes.stopAll();
  await database.close();
  fs.rmSync(registryDir, { recursive: true, force: true });
});

describe('storage fees', () => {
  // discharged on 2 March: 10 March is storage day 9; days 5-9 are charged after 4 free, for 2 containers
  const dischargedAt = '2026-03-02T10:00:00+08:00';
  const [firstRate] = containerStorage.tiers!;
  const storageMinor = 5 * firstRate.dailyRateMinor * 2;

  it('adds storage once the cargo is discharged, counted to the settlement day, and charges it on the receipt', async () => {
    const { payload, message, paymentId } = await requestedPayment();
    const codes = (message.payload.lines as { code: string }[]).map((l) => l.code);
    expect(codes).not.toContain(containerStorage.code); // not discharged yet: no storage

    const before = await as('TRADER-1').get(`/v1/payments/${paymentId}`);
    expect(before.body).toMatchObject({ totalMinor: payload.totalMinor + portFeesMinor });
    expect(before.body.storage).toBeUndefined();
    expect(new Date(before.body.asOf).toISOString().slice(0, 10)).toBe('2026-03-10');

    // the discharge is heard after the assessment, with the port's earlier business time
    await publishCargoArrived(tap, payload.shipmentId, dischargedAt);
    const current = await eventually(
      async () => {
        const answer = await as('TRADER-1').get(`/v1/payments/${paymentId}`);
        return answer.body.storage ? answer.body : undefined;
      },
      30_000,
      'storage on the payment',
    );
    expect(current.storage).toEqual({ dischargedAt: new Date(dischargedAt).toISOString(), storageDays: 9 });
    expect(current.lines).toEqual(
      expect.arrayContaining([
        {
          code: containerStorage.code,
          description: expect.stringMatching(/day 9, 5 chargeable after 4 free, 2 containers$/),
          amountMinor: storageMinor,
        },
      ]),
    );
    expect(current).toMatchObject({
      dutiesAndTaxesMinor: payload.totalMinor,
      portFeesMinor: portFeesMinor + storageMinor,
      totalMinor: payload.totalMinor + portFeesMinor + storageMinor,
    });

    const receipt = await settle('TRADER-1', paymentId, { idempotencyKey: `settle-${randomUUID()}` });
    expect(receipt.status).toBe(201);
    expect(receipt.body).toMatchObject({
      paymentId,
      method: 'gateway',
      totalMinor: current.totalMinor,
      portFeesMinor: current.portFeesMinor,
      storage: { storageDays: 9 },
      reference: expect.stringMatching(/^LGW-/),
      receiptNumber: expect.stringMatching(/^RCT-20260310-/),
    });
    expect(new Date(receipt.body.chargedAsOf).toISOString().slice(0, 10)).toBe('2026-03-10');
    const charges = await gatewayCharges(paymentId);
    expect(charges.map((c) => c.amountMinor)).toEqual([current.totalMinor]);
    const settled = await tap.waitFor(
      (m) => m.headers.ce_type === PAYMENT_SETTLED && m.key === payload.shipmentId,
    );
    expect(settled.payload).toMatchObject({
      amountMinor: current.totalMinor,
      receiptNumber: receipt.body.receiptNumber,
    });

    // the receipt is kept, and the settled payment no longer accrues
    for (const role of ['customs', 'ops'] as const) {
      const shown = await api.as(tokenFor(role)).get(`/v1/payments/${paymentId}/receipt`);
      expect(shown.status).toBe(200);
      expect(shown.body).toEqual(receipt.body);
    }
    expect((await as('TRADER-2').get(`/v1/payments/${paymentId}/receipt`)).status).toBe(404);
    const after = await as('TRADER-1').get(`/v1/payments/${paymentId}`);
    expect(after.body).toMatchObject({
      status: 'settled',
      method: 'gateway',
      totalMinor: current.totalMinor,
    });
  });

  it('charges storage on the first request when the discharge was heard before the assessment', async () => {
    const payload = dutyAssessed();
    const handled = await metricCounter(api, 'tongguan_events_consumed_total', CARGO_ARRIVED);
    await publishCargoArrived(tap, payload.shipmentId, dischargedAt);
    await eventually(
      async () => (await metricCounter(api, 'tongguan_events_consumed_total', CARGO_ARRIVED)) > handled,
      30_000,
      'the discharge to be recorded',
    );
    const { message, paymentId } = await requestedPayment(payload);
    expect(message.payload.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: containerStorage.code, amountMinor: storageMinor }),
      ]),
    );
    expect(message.payload.totalMinor).toBe(payload.totalMinor + portFeesMinor + storageMinor);
    const receiptBefore = await as('TRADER-1').get(`/v1/payments/${paymentId}/receipt`);
    expect(receiptBefore.status).toBe(404);
    expect(receiptBefore.body.code).toBe('RECEIPT.NOT_FOUND');
  });
});

describe('idempotent settlement', () => {
  it('charges once and answers one receipt to concurrent requests with the same key', async () => {
    const { payload, paymentId } = await requestedPayment();
    const body = { idempotencyKey: `race-${randomUUID()}` };
    const answers = await Promise.all([1, 2, 3].map(() => settle('TRADER-1', paymentId, body)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(answers[1].body).toEqual(answers[0].body);
    expect(answers[2].body).toEqual(answers[0].body);
    const again = await settle('TRADER-1', paymentId, body);
    expect(again.body).toEqual(answers[0].body);

    expect(await gatewayCharges(paymentId)).toHaveLength(1);
    await tap.waitFor((m) => m.headers.ce_type === PAYMENT_SETTLED && m.key === payload.shipmentId);
    await new Promise((r) => setTimeout(r, 2_000)); // room for a wrongly staged second event to arrive
    expect(distinctEvents(tap, PAYMENT_SETTLED, payload.shipmentId)).toHaveLength(1);
  });

  it('lets only one of two concurrent requests with different keys charge', async () => {
    const { paymentId } = await requestedPayment();
    const answers = await Promise.all(
      ['a', 'b'].map((k) => settle('TRADER-1', paymentId, { idempotencyKey: `race-${k}-${randomUUID()}` })),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    expect(['PAYMENT.SETTLEMENT_IN_PROGRESS', 'PAYMENT.ALREADY_SETTLED']).toContain(refused.body.code);
    expect(await gatewayCharges(paymentId)).toHaveLength(1);
  });
});

describe('AEO bank guarantee', () => {
  it('settles an AEO trader by guarantee: PaymentSettled says guarantee and the limit is drawn', async () => {
    const { payload, paymentId } = await requestedPayment(dutyAssessed({ importerId: AEO_TRADER }));
    const total = payload.totalMinor + portFeesMinor;
    const key = `bg-${randomUUID()}`;
    const answers = await Promise.all(
      [1, 2].map(() => settle(AEO_TRADER, paymentId, { idempotencyKey: key, method: 'guarantee' })),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    expect(answers[1].body).toEqual(answers[0].body);
    expect(answers[0].body).toMatchObject({
      method: 'guarantee',
      totalMinor: total,
      reference: GUARANTEE,
      guarantee: { guaranteeNumber: GUARANTEE, aeoCertificate: 'AEO-CN-4403-9001' },
    });
    const settled = await tap.waitFor(
      (m) => m.headers.ce_type === PAYMENT_SETTLED && m.key === payload.shipmentId,
    );
    expect(settled.payload).toMatchObject({ paymentId, method: 'guarantee', amountMinor: total });
    expect(await gatewayCharges(paymentId)).toHaveLength(0); // no money moved through the gateway

    const guarantee = await as(AEO_TRADER).get(`/v1/guarantees/${GUARANTEE}`);
    expect(guarantee.body).toMatchObject({
      limitMinor: GUARANTEE_LIMIT_MINOR,
      drawnMinor: total,
      remainingMinor: GUARANTEE_LIMIT_MINOR - total,
      draws: [{ paymentId, amountMinor: total, receiptNumber: answers[0].body.receiptNumber }],
    });
    expect((await as('TRADER-1').get(`/v1/guarantees/${GUARANTEE}`)).status).toBe(404);
    const garbage = await as(AEO_TRADER).get(`/v1/guarantees/${encodeURIComponent('$where: 1')}`);
    expect(garbage.status).toBe(422);
    expect(garbage.body.errors).toEqual([expect.objectContaining({ path: 'guaranteeNumber' })]);
    expect((await api.as(tokenFor('customs')).get('/v1/guarantees')).body).toHaveLength(2);

    // the same key with the other method is a different request, refused rather than replayed
    const otherMethod = await settle(AEO_TRADER, paymentId, { idempotencyKey: key, method: 'gateway' });
    expect(otherMethod.status).toBe(422);
    expect(otherMethod.body.code).toBe('PAYMENT.IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a draw beyond the remaining limit with 409, leaving the payment payable another way', async () => {
    const { paymentId } = await requestedPayment(dutyAssessed({ importerId: AEO_TRADER }));
    const { body: before } = await as(AEO_TRADER).get(`/v1/guarantees/${GUARANTEE}`);
    const over = await settle(AEO_TRADER, paymentId, {
      idempotencyKey: `bg-${randomUUID()}`,
      method: 'guarantee',
    });
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('GUARANTEE.LIMIT_EXCEEDED');
    expect(over.body.message).toMatch(new RegExp(`${before.remainingMinor} CNY minor units left`));
    expect((await as(AEO_TRADER).get(`/v1/guarantees/${GUARANTEE}`)).body.drawnMinor).toBe(before.drawnMinor);

    const byGateway = await settle(AEO_TRADER, paymentId, { idempotencyKey: `gw-${randomUUID()}` });
    expect(byGateway.status).toBe(201);
    expect(byGateway.body.method).toBe('gateway');
  });

  it('refuses a guarantee settlement by a trader without an AEO guarantee, or with a lapsed one, with 422', async () => {
    const plain = await requestedPayment();
    const refused = await settle('TRADER-1', plain.paymentId, {
      idempotencyKey: `bg-${randomUUID()}`,
      method: 'guarantee',
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'GUARANTEE.NOT_AEO',
      errors: [expect.objectContaining({ path: 'method', code: 'GUARANTEE.NOT_AEO' })],
    });
    expect((await as('TRADER-1').get(`/v1/payments/${plain.paymentId}`)).body.status).toBe('requested');

    const lapsed = await requestedPayment(dutyAssessed({ importerId: LAPSED_TRADER }));
    const expired = await settle(LAPSED_TRADER, lapsed.paymentId, {
      idempotencyKey: `bg-${randomUUID()}`,
      method: 'guarantee',
    });
    expect(expired.status).toBe(422);
    expect(expired.body.code).toBe('GUARANTEE.EXPIRED');
    // nothing was claimed: the importer pays through the gateway instead
    expect(
      (await settle(LAPSED_TRADER, lapsed.paymentId, { idempotencyKey: `gw-${randomUUID()}` })).status,
    ).toBe(201);
  });
});

describe('the payment API document', () => {
  it('documents the receipt, the settlement methods and the guarantees in OpenAPI', async () => {
    const { body: doc } = await api.get('/openapi.json');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/payments/{id}/receipt',
        '/v1/payments/{id}/settlements',
        '/v1/guarantees',
        '/v1/guarantees/{guaranteeNumber}',
      ]),
    );
    const settlement = doc.paths['/v1/payments/{id}/settlements'].post;
    expect(Object.keys(settlement.responses)).toEqual(
      expect.arrayContaining(['201', '402', '404', '409', '422']),
    );
    expect(doc.components.schemas.SettlePaymentDto.properties.method.enum).toEqual(['gateway', 'guarantee']);
    expect(Object.keys(doc.components.schemas.PaymentReceipt.properties)).toEqual(
      expect.arrayContaining([
        'receiptNumber',
        'lines',
        'totalMinor',
        'method',
        'paidAt',
        'reference',
        'storage',
      ]),
    );
    expect(doc.components.schemas.PaymentView.properties).toHaveProperty('storage');
  });
});
