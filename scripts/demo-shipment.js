#!/usr/bin/env node
// Drives one shipment through the running platform over its public APIs (vessel call, manifest,
// discharge, declaration, inspection, payment, transport booking, gate-in, gate-out) and prints the
// monitor's timeline.
const { execFileSync } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const path = require('node:path');

const host = process.env.DEMO_HOST ?? 'http://127.0.0.1';
const url = {
  monitor: `${host}:3000`,
  declaration: `${host}:3001`,
  inspection: `${host}:3002`,
  logistics: `${host}:3003`,
  port: `${host}:3004`,
};
const token = (role, party) =>
  execFileSync(process.execPath, [path.join(__dirname, 'token.js'), '--role', role, '--party', party])
    .toString()
    .trim();
const tokens = {
  importer: token('importer', 'TRADER-DEMO'),
  port: token('port', 'TERMINAL-1'),
  inspection: token('inspection', 'OFFICER-1'),
  ops: token('ops', 'OPS-1'),
  carrier: token('carrier', 'CARRIER-DEMO'),
};
const TRUCK_PLATE = 'YUE-B12345';
const HOUR_MS = 3_600_000;

async function call(service, role, method, route, body) {
  const response = await fetch(`${url[service]}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${tokens[role]}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function until(what, check, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function main() {
  const bl = `DEMO${Date.now().toString().slice(-9)}`;
  const step = (text) => process.stdout.write(`  ${text}\n`);
  console.log(`demo shipment ${bl}:`);
  const vesselCall = await call('port', 'port', 'POST', '/v1/vessel-calls', {
    vesselName: 'COSCO SHIPPING ARIES',
    voyage: '042E',
    eta: new Date().toISOString(),
  });
  await call('port', 'port', 'POST', `/v1/vessel-calls/${vesselCall.body._id}/manifest`, {
    billsOfLading: [
      {
        blNumber: bl,
        consignee: 'SHENZHEN TRADING CO',
        consigneePartyId: 'TRADER-DEMO',
        containerNumbers: ['CSQU3054383'],
        packages: 2,
        grossWeightKg: 3100,
      },
    ],
  });
  await call('port', 'port', 'POST', `/v1/vessel-calls/${vesselCall.body._id}/discharges`, { blNumber: bl });
  step('vessel call, manifest and discharge recorded (CargoArrived)');
  // the manifest reaches customs as an event: the importer files once it may (advance manifest rule)
  await until('the manifest at customs', async () => {
    const right = await call('declaration', 'importer', 'GET', `/v1/filing-rights/${bl}`);
    return right.body?.mayDeclare === true;
  });
  const lodged = await call('declaration', 'importer', 'POST', '/v1/declarations', {
    blNumber: bl,
    declarationType: 'ordinary',
    declarantId: 'BROKER-7',
    // the broker and the importer as customs registered them (unified social credit code, customs code)
    declarant: {
      name: 'SHENZHEN HARBOUR CUSTOMS BROKERS',
      socialCreditCode: '91440300MA5BRKR07B',
      customsCode: '4403980007',
    },
    trader: {
      name: 'SHENZHEN TRADING CO',
      socialCreditCode: '91440300MA5TRAD01A',
      customsCode: '4403160001',
    },
    consignor: { name: 'ACME GMBH', country: 'DE' },
    consignee: { name: 'SHENZHEN TRADING CO', country: 'CN', socialCreditCode: '91440300MA5TRAD01A' },
    transportMode: '2',
    vesselName: 'COSCO SHIPPING ARIES',
    voyage: '042E',
    meansNationality: 'CN',
    containers: [{ number: 'CSQU3054383', sizeType: '45G1', itemNumbers: [1] }],
    portOfLoading: 'DEHAM',
    portOfDischarge: 'CNSZX',
    goodsLocation: 'CNSZXYTN',
    previousDocuments: [{ type: '705', reference: bl }],
    invoice: { number: `INV-${bl}`, currency: 'EUR', amount: 18000 },
    incoterm: 'CIF',
    currency: 'EUR',
    totalPackages: 2,
    grossWeightKg: 3100,
    items: [
      {
        hsCode: '0303899000',
        description: 'Frozen fish',
        originCountry: 'NO',
        quantity: 2900,
        unit: 'KGM',
        legalQuantity: { quantity: 2900, unit: 'KGM' },
        netWeightKg: 2900,
        packages: { count: 2, type: 'CT' },
        // frozen fish needs inbound inspection and quarantine (config/commodity-requirements.json)
        documents: [{ code: 'A', number: '440300126000002' }],
        dutyRegime: '1',
        customsValue: 18000,
      },
    ],
  });
  if (lodged.status !== 201) throw new Error(`declaration refused: ${JSON.stringify(lodged.body)}`);
  step(`declaration ${lodged.body.id} lodged and accepted`);
  const task = await until('risk assessment', async () => {
    const tasks = await call('inspection', 'inspection', 'GET', `/v1/inspection-tasks?shipmentId=${bl}`);
    const timeline = await call('monitor', 'ops', 'GET', `/v1/shipments/${bl}/timeline`);
    return tasks.body?.items?.[0] ?? (timeline.body?.channel === 'GREEN' ? 'green' : undefined);
  });
  if (task !== 'green') {
    await call('inspection', 'inspection', 'POST', `/v1/inspection-tasks/${task.id ?? task._id}/result`, {
      result: 'passed',
      findings: [],
    });
    step('document check passed by the officer');
  }
  const payment = await until(
    'payment request',
    async () =>
      (await call('logistics', 'importer', 'GET', `/v1/payments?shipmentId=${bl}`)).body?.items?.[0],
  );
  await call('logistics', 'importer', 'POST', `/v1/payments/${payment.id ?? payment._id}/settlements`, {
    idempotencyKey: randomUUID(),
  });
  step(`duties, VAT and port fees settled (${(payment.totalMinor / 100).toFixed(2)} ${payment.currency})`);
  // as at a real terminal: transport ordered once released, a carrier's quote accepted, which books a
  // pickup hour; the truck comes in, then out (the gate wants the booked truck in its hour)
  const order = await until('release, then a transport order', async () => {
    const answer = await call('logistics', 'importer', 'POST', '/v1/transport-orders', {
      blNumber: bl,
      terminal: 'CNSZX-YICT',
      destination: 'Dongguan, Songshan Lake warehouse 3',
    });
    return answer.status === 201 ? answer.body : undefined;
  });
  const nextHour = new Date((Math.floor(Date.parse(order.createdAt) / HOUR_MS) + 1) * HOUR_MS);
  const quote = await call('logistics', 'carrier', 'POST', `/v1/transport-orders/${order.id}/quotes`, {
    priceMinor: 180000,
    currency: 'CNY',
    truckPlate: TRUCK_PLATE,
    pickupAt: nextHour.toISOString(),
  });
  if (quote.status !== 201) throw new Error(`quote refused: ${JSON.stringify(quote.body)}`);
  const booking = await call(
    'logistics',
    'importer',
    'POST',
    `/v1/transport-orders/${order.id}/quotes/${quote.body.id}/acceptance`,
  );
  if (booking.status !== 201) throw new Error(`booking refused: ${JSON.stringify(booking.body)}`);
  step(
    `pickup booked: truck ${TRUCK_PLATE} at ${booking.body.terminal}, ${booking.body.slotStart} (PickupBooked)`,
  );
  const gateIn = await call('port', 'port', 'POST', '/v1/gate-ins', {
    blNumber: bl,
    truckPlate: TRUCK_PLATE,
    bookingId: booking.body.id,
  });
  if (gateIn.status !== 201) throw new Error(`gate-in refused: ${JSON.stringify(gateIn.body)}`);
  await until(
    'gate-out',
    async () =>
      (await call('port', 'port', 'POST', '/v1/gate-outs', { blNumber: bl, truckPlate: TRUCK_PLATE }))
        .status === 201,
  );
  step('released by customs and out of the gate');
  const timeline = await until('timeline', async () => {
    const answer = await call('monitor', 'ops', 'GET', `/v1/shipments/${bl}/timeline`);
    return answer.body?.gateOut ? answer.body : undefined;
  });
  console.log(`\ntimeline (GET ${url.monitor}/v1/shipments/${bl}/timeline, role ops):`);
  console.log(JSON.stringify(timeline, null, 2));
}

main().catch((error) => {
  console.error(`demo failed: ${error.message}`);
  process.exit(1);
});
