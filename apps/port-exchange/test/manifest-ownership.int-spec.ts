import { containerCheckDigit, Events } from '@tongguan/contracts';
import {
  ApiClient,
  EventTap,
  eventually,
  ServiceProcesses,
  testEnvironment,
  tokenFor,
} from '@tongguan/testing';

/**
 * A vessel call and its manifest belong to the party that announced it; a B/L number belongs to the
 * first manifest that files it. Measured as an outside attacker would: an ordinary carrier account
 * against another carrier's call and lines, over HTTP, with the real broker and store.
 */
const env = testEnvironment('manifest-ownership');
const processes = new ServiceProcesses(env);
const tap = new EventTap(process.env.KAFKA_BROKERS!, env.TOPIC_PREFIX);
let api: ApiClient;
let base: string;
const carrierA = () => api.as(tokenFor('carrier', 'CARRIER-A'));
const carrierB = () => api.as(tokenFor('carrier', 'CARRIER-B'));
const terminal = () => api.as(tokenFor('port', 'TERMINAL-1'));
const ops = () => api.as(tokenFor('ops', 'OPS-1'));

let serial = 0;
const newBl = () => `TGOW${Date.now().toString(36).toUpperCase()}${(serial++).toString().padStart(4, '0')}`;
function container(n: number): string {
  const firstTen = `TGOU${String(n).padStart(6, '0')}`;
  return `${firstTen}${containerCheckDigit(firstTen)}`;
}
const line = (blNumber: string, consigneePartyId = 'TRADER-1', n = 1) => ({
  blNumber,
  consignee: 'SHENZHEN TRADING CO',
  consigneePartyId,
  containerNumbers: [container(serial * 10 + n)],
  packages: 2,
  grossWeightKg: 3100,
});

async function callOf(client: ApiClient): Promise<string> {
  const created = await client.post('/v1/vessel-calls', {
    vesselName: 'COSCO SHIPPING ARIES',
    voyage: '042E',
    eta: '2026-03-02T06:00:00Z',
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

async function uploadAs(token: string, callId: string, rows: Record<string, unknown>[]) {
  const response = await fetch(`${base}/v1/vessel-calls/${callId}/manifest-uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
    body: rows.map((row) => JSON.stringify(row)).join('\n'),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const manifested = (bl: string) =>
  tap.ofType(Events.BillOfLadingManifested.type, bl).concat(tap.ofType(Events.BillOfLadingAmended.type, bl));

beforeAll(async () => {
  await tap.start(['port.events.v1']);
  await processes.start(['port-exchange']);
  base = processes.url('port-exchange');
  api = new ApiClient(base);
});

afterAll(async () => {
  await tap.stop();
  await processes.stopAll();
});

describe('vessel call ownership', () => {
  it("hides a carrier's call from another carrier, who cannot file, upload or read its manifest", async () => {
    const callId = await callOf(carrierA());
    const bl = newBl();
    expect(
      (await carrierA().post(`/v1/vessel-calls/${callId}/manifest`, { billsOfLading: [line(bl)] })).status,
    ).toBe(201);

    const read = await carrierB().get(`/v1/vessel-calls/${callId}`);
    expect(read.status).toBe(404);
    expect(read.body.code).toBe('VESSEL CALL.NOT_FOUND');
    expect((await carrierB().get(`/v1/vessel-calls/${callId}/bills-of-lading`)).status).toBe(404);
    expect((await carrierB().get(`/v1/bills-of-lading/${bl}`)).status).toBe(404);
    const listed = await carrierB().get('/v1/vessel-calls?pageSize=100');
    expect(listed.body.items.map((c: { id: string }) => c.id)).not.toContain(callId);

    const filed = await carrierB().post(`/v1/vessel-calls/${callId}/manifest`, {
      billsOfLading: [line(newBl(), 'TRADER-666')],
    });
    expect(filed.status).toBe(404);
    const uploaded = await uploadAs(tokenFor('carrier', 'CARRIER-B'), callId, [line(newBl(), 'TRADER-666')]);
    expect(uploaded.status).toBe(404);
    // the terminal sees every call (it discharges them) but does not own this one
    const byTerminal = await terminal().post(`/v1/vessel-calls/${callId}/manifest`, {
      billsOfLading: [line(newBl(), 'TRADER-666')],
    });
    expect(byTerminal.status).toBe(403);
    expect(byTerminal.body.code).toBe('VESSEL_CALL.NOT_OWNER');

    expect((await ops().get(`/v1/vessel-calls/${callId}`)).body.ownerPartyId).toBe('CARRIER-A');
    const manifest = await carrierA().get(`/v1/vessel-calls/${callId}/bills-of-lading`);
    expect(manifest.body.items.map((b: { blNumber: string }) => b.blNumber)).toEqual([bl]);
  });

  it("cannot change another carrier's line, its consignee included, by filing the number on its own call", async () => {
    const callA = await callOf(carrierA());
    const callB = await callOf(carrierB());
    const bl = newBl();
    const rightful = line(bl, 'TRADER-1');
    expect(
      (await carrierA().post(`/v1/vessel-calls/${callA}/manifest`, { billsOfLading: [rightful] })).status,
    ).toBe(201);

    const squat = await carrierB().post(`/v1/vessel-calls/${callB}/manifest`, {
      billsOfLading: [{ ...rightful, consigneePartyId: 'TRADER-666' }],
    });
    expect(squat.status).toBe(422);
    expect(squat.body.errors).toEqual([
      expect.objectContaining({ path: 'billsOfLading.0.blNumber', code: 'ALREADY_MANIFESTED' }),
    ]);
    expect(JSON.stringify(squat.body)).not.toContain(callA);
    expect(JSON.stringify(squat.body)).not.toContain('CARRIER-A');
    const viaUpload = await uploadAs(tokenFor('carrier', 'CARRIER-B'), callB, [
      { ...rightful, consigneePartyId: 'TRADER-666' },
    ]);
    expect(viaUpload.body).toMatchObject({ stored: 0, amended: 0, rejected: 1 });

    const onRecord = await carrierA().get(`/v1/bills-of-lading/${bl}`);
    expect(onRecord.body).toMatchObject({
      vesselCallId: callA,
      carrierPartyId: 'CARRIER-A',
      consigneePartyId: 'TRADER-1',
    });
    await eventually(() => manifested(bl).length > 0, 30_000, 'BillOfLadingManifested');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(manifested(bl).map((m) => m.payload.consigneePartyId)).toEqual(['TRADER-1']);

    // operations see the conflict, with both parties
    const conflicts = await ops().get(`/v1/manifest-conflicts?blNumber=${bl}`);
    expect(conflicts.status).toBe(200);
    expect(conflicts.body.items).toEqual([
      expect.objectContaining({
        blNumber: bl,
        holderPartyId: 'CARRIER-A',
        holderVesselCallId: callA,
        claimantPartyId: 'CARRIER-B',
        claimantVesselCallId: callB,
        attempts: 2,
      }),
    ]);
    expect((await carrierB().get('/v1/manifest-conflicts')).status).toBe(403);
    const metrics = await fetch(`${base}/metrics`).then((r) => r.text());
    expect(Number(/^tongguan_manifest_conflicts_total (\d+)/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(2);
  });

  it('a squatter that filed first blocks only until operations withdraw its line; the rightful carrier then files', async () => {
    const callA = await callOf(carrierA());
    const callB = await callOf(carrierB());
    const bl = newBl();
    const squatted = await carrierB().post(`/v1/vessel-calls/${callB}/manifest`, {
      billsOfLading: [line(bl, 'TRADER-666')],
    });
    expect(squatted.status).toBe(201);
    const refused = await carrierA().post(`/v1/vessel-calls/${callA}/manifest`, {
      billsOfLading: [line(bl, 'TRADER-1')],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].code).toBe('ALREADY_MANIFESTED');

    // the rightful carrier cannot withdraw the squatter's line; operations can
    expect((await carrierA().post(`/v1/bills-of-lading/${bl}/withdrawal`, { reason: 'mine' })).status).toBe(
      404,
    );
    const conflict = (await ops().get(`/v1/manifest-conflicts?blNumber=${bl}`)).body.items[0];
    expect(conflict).toMatchObject({ holderPartyId: 'CARRIER-B', claimantPartyId: 'CARRIER-A' });
    const withdrawn = await ops().post(`/v1/bills-of-lading/${bl}/withdrawal`, {
      reason: 'B/L number squatted: CARRIER-A holds the original bill',
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ withdrawnBy: 'OPS-1' });
    const event = await tap.waitFor(
      (m) => m.headers.ce_type === Events.BillOfLadingWithdrawn.type && m.key === bl,
      30_000,
    );
    expect(event.payload).toMatchObject({
      carrierPartyId: 'CARRIER-B',
      withdrawnBy: 'OPS-1',
      withdrawnByRole: 'ops',
    });

    const filed = await carrierA().post(`/v1/vessel-calls/${callA}/manifest`, {
      billsOfLading: [line(bl, 'TRADER-1')],
    });
    expect(filed.status).toBe(201);
    expect((await carrierA().get(`/v1/bills-of-lading/${bl}`)).body).toMatchObject({
      vesselCallId: callA,
      carrierPartyId: 'CARRIER-A',
      consigneePartyId: 'TRADER-1',
    });
    await eventually(
      () => manifested(bl).some((m) => m.payload.consigneePartyId === 'TRADER-1'),
      30_000,
      'the rightful BillOfLadingManifested',
    );
    const revisions = manifested(bl).map((m) => [m.payload.carrierPartyId, m.payload.revision]);
    expect(revisions).toEqual([
      ['CARRIER-B', 1],
      ['CARRIER-A', 3],
    ]);
    expect((await carrierB().get(`/v1/bills-of-lading/${bl}`)).status).toBe(404);
  });

  it('lets the owner amend its line (consignee included) and withdraw it before discharge, announcing each', async () => {
    const callId = await callOf(carrierA());
    const bl = newBl();
    const first = line(bl, 'TRADER-1');
    expect(
      (await carrierA().post(`/v1/vessel-calls/${callId}/manifest`, { billsOfLading: [first] })).status,
    ).toBe(201);
    const amended = await uploadAs(tokenFor('carrier', 'CARRIER-A'), callId, [
      { ...first, consigneePartyId: 'TRADER-2' },
    ]);
    expect(amended.body).toMatchObject({ amended: 1, rejected: 0 });
    await eventually(
      () => tap.ofType(Events.BillOfLadingAmended.type, bl).length > 0,
      30_000,
      'BillOfLadingAmended',
    );
    expect(tap.ofType(Events.BillOfLadingAmended.type, bl)[0].payload).toMatchObject({
      consigneePartyId: 'TRADER-2',
      carrierPartyId: 'CARRIER-A',
      revision: 2,
    });

    expect((await carrierB().post(`/v1/bills-of-lading/${bl}/withdrawal`, { reason: 'x' })).status).toBe(404);
    const withdrawn = await carrierA().post(`/v1/bills-of-lading/${bl}/withdrawal`, {
      reason: 'wrong voyage',
    });
    expect(withdrawn.status).toBe(200);
    expect((await carrierA().get(`/v1/vessel-calls/${callId}/bills-of-lading`)).body.total).toBe(0);
    const discharge = await terminal().post(`/v1/vessel-calls/${callId}/discharges`, { blNumber: bl });
    expect(discharge.status).toBe(404);
  });

  it('of two carriers racing to file the same new B/L numbers, exactly one owns each, announced once', async () => {
    const [callA, callB] = await Promise.all([callOf(carrierA()), callOf(carrierB())]);
    const numbers = Array.from({ length: 8 }, newBl);
    const answers = await Promise.all(
      numbers.flatMap((bl, i) => [
        carrierA().post(`/v1/vessel-calls/${callA}/manifest`, { billsOfLading: [line(bl, 'TRADER-1', i)] }),
        carrierB().post(`/v1/vessel-calls/${callB}/manifest`, { billsOfLading: [line(bl, 'TRADER-666', i)] }),
      ]),
    );
    for (let i = 0; i < numbers.length; i++) {
      const statuses = [answers[2 * i].status, answers[2 * i + 1].status];
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 422 || status === 409)).toHaveLength(1);
    }
    for (const [i, bl] of numbers.entries()) {
      const owner = answers[2 * i].status === 201 ? 'CARRIER-A' : 'CARRIER-B';
      expect((await ops().get(`/v1/bills-of-lading/${bl}`)).body).toMatchObject({
        carrierPartyId: owner,
        consigneePartyId: owner === 'CARRIER-A' ? 'TRADER-1' : 'TRADER-666',
      });
      await eventually(() => manifested(bl).length > 0, 30_000, `BillOfLadingManifested of ${bl}`);
    }
    await new Promise((r) => setTimeout(r, 1_500));
    for (const bl of numbers) expect(manifested(bl)).toHaveLength(1);
  });

  it('refuses to withdraw a line whose discharge began', async () => {
    const callId = await callOf(terminal());
    const bl = newBl();
    expect(
      (await terminal().post(`/v1/vessel-calls/${callId}/manifest`, { billsOfLading: [line(bl)] })).status,
    ).toBe(201);
    expect((await terminal().post(`/v1/vessel-calls/${callId}/discharges`, { blNumber: bl })).status).toBe(
      200,
    );
    const late = await terminal().post(`/v1/bills-of-lading/${bl}/withdrawal`, { reason: 'too late' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('BILL_OF_LADING.ALREADY_DISCHARGED');
  });
});
