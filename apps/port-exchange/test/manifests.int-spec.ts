import { containerCheckDigit, Events } from '@tongguan/contracts';
import {
  ApiClient,
  EventTap,
  eventually,
  ServiceProcesses,
  testEnvironment,
  tokenFor,
} from '@tongguan/testing';

const env = testEnvironment('manifests');
const processes = new ServiceProcesses(env);
const tap = new EventTap(process.env.KAFKA_BROKERS!, env.TOPIC_PREFIX);
const CARGO_ARRIVED = Events.CargoArrived.type;
let api: ApiClient;
let base: string;
const port = () => api.as(tokenFor('port', 'TERMINAL-1'));

let serial = 0;
/** A fresh B/L number for this run. */
const newBl = () => `TGBL${Date.now().toString(36).toUpperCase()}${(serial++).toString().padStart(5, '0')}`;
/** The n-th container of an owner code with its category (e.g. MSKU), and its ISO 6346 check digit. */
function container(owner: string, n: number): string {
  const firstTen = `${owner}${String(n).padStart(6, '0')}`;
  return `${firstTen}${containerCheckDigit(firstTen)}`;
}
/** The same container with a check digit off by one. */
const withWrongDigit = (number: string) => `${number.slice(0, 10)}${(Number(number[10]) + 1) % 10}`;

async function newCall(overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await port().post('/v1/vessel-calls', {
    vesselName: 'COSCO SHIPPING ARIES',
    voyage: '042E',
    imoNumber: '9783497',
    eta: '2026-03-02T06:00:00Z',
    ...overrides,
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

async function upload(
  callId: string,
  contentType: string,
  body: string,
  role: 'port' | 'carrier' | 'customs' = 'port',
) {
  const response = await fetch(`${base}/v1/vessel-calls/${callId}/manifest-uploads`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${tokenFor(role, role === 'port' ? 'TERMINAL-1' : role)}`,
      'content-type': contentType,
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function manifestOf(callId: string): Promise<Record<string, any>[]> {
  const items: Record<string, any>[] = [];
  for (let page = 1; ; page++) {
    const listed = await port().get(`/v1/vessel-calls/${callId}/bills-of-lading?page=${page}&pageSize=100`);
    expect(listed.status).toBe(200);
    items.push(...listed.body.items);
    if (items.length >= listed.body.total) return items;
  }
}

const HEADER = 'blNumber,consignee,consigneePartyId,containerNumbers,packages,grossWeightKg';

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

describe('manifest uploads', () => {
  it('stores the good rows of a CSV file, reports each bad row by number, and stores nothing twice when sent again', async () => {
    const callId = await newCall();
    const [good1, good2, good3, badDigit, missing, duplicate, heavy] = Array.from({ length: 7 }, newBl);
    const c = (n: number) => container('TGHU', 100 + n);
    const csv =
      [
        HEADER,
        `${good1},"SHENZHEN TRADING CO, LTD",TRADER-1,${c(1)};${c(2)},120,18250.5`,
        `${badDigit},ACME,TRADER-2,${c(3)};${withWrongDigit(c(4))},3,100`,
        `${good2},"multi-line ""quoted""\nconsignee",TRADER-3,${c(5)}|${c(6)},2,3100`,
        `${missing},,TRADER-4,${c(7)},,5`,
        `${good1},DUPLICATE,TRADER-1,${c(8)},1,1`,
        `${heavy},HEAVY CO,TRADER-5,${c(9)},1,40000`,
        `${good3},BREAK BULK CO,TRADER-6,,7,250000`,
        `${duplicate},TRADER-7,"unterminated quote,${c(10)},1,1`,
      ].join('\r\n') + '\r\n';

    const first = await upload(callId, 'text/csv', csv);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      vesselCallId: callId,
      received: 8,
      stored: 3,
      unchanged: 0,
      rejected: 5,
    });
    const byRow = Object.fromEntries(
      (
        first.body.errors as {
          row: number;
          blNumber: string;
          errors: { path: string; code: string; message: string }[];
        }[]
      ).map((e) => [e.row, e]),
    );
    expect(Object.keys(byRow).map(Number)).toEqual([2, 4, 5, 6, 8]);
    expect(byRow[2]).toMatchObject({
      blNumber: badDigit,
      errors: [
        {
          path: 'containerNumbers.1',
          code: 'CONTAINER_CHECK_DIGIT',
          message: expect.stringContaining(`give ${c(4)[10]}`),
        },
      ],
    });
    expect(byRow[4].errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['consignee', 'packages']),
    );
    expect(byRow[5]).toMatchObject({
      blNumber: good1,
      errors: [{ path: 'blNumber', code: 'DUPLICATE_IN_FILE', message: expect.stringContaining('row 1') }],
    });
    expect(byRow[6].errors).toEqual([expect.objectContaining({ code: 'GROSS_WEIGHT_EXCEEDS_CONTAINERS' })]);
    expect(byRow[8]).toMatchObject({ line: 10, errors: [{ code: 'CSV_UNTERMINATED_QUOTE' }] });

    const stored = await manifestOf(callId);
    expect(stored.map((b) => b.blNumber).sort()).toEqual([good1, good2, good3].sort());
    expect(stored.find((b) => b.blNumber === good2)).toMatchObject({
      consignee: 'multi-line "quoted"\nconsignee',
      containerNumbers: [c(5), c(6)],
      packages: 2,
      grossWeightKg: 3100,
    });
    expect(stored.find((b) => b.blNumber === good1)).toMatchObject({ consignee: 'SHENZHEN TRADING CO, LTD' });

    const again = await upload(callId, 'text/csv', csv);
    expect(again.body).toMatchObject({ received: 8, stored: 0, amended: 0, unchanged: 3, rejected: 5 });
    expect(again.body.errors.map((e: { row: number }) => e.row)).toEqual([2, 4, 5, 6, 8]);
    expect(await manifestOf(callId)).toHaveLength(3);
  });

  it('reads JSON lines: a B/L on another call is a row error, a corrected line amends, and 1,200 rows go in at once', async () => {
    const otherCall = await newCall({ voyage: '043W' });
    const elsewhere = newBl();
    const filed = await port().post(`/v1/vessel-calls/${otherCall}/manifest`, {
      billsOfLading: [
        {
          blNumber: elsewhere,
          consignee: 'A',
          consigneePartyId: 'TRADER-1',
          containerNumbers: [container('MSKU', 1)],
          packages: 1,
          grossWeightKg: 10,
        },
      ],
    });
    expect(filed.status).toBe(201);

    const callId = await newCall({ voyage: '044E' });
    const lines = Array.from({ length: 1_200 }, (_, i) => ({
      blNumber: newBl(),
      consignee: `CONSIGNEE ${i}`,
      consigneePartyId: `TRADER-${i % 7}`,
      containerNumbers: [container('MSKU', 1_000 + 2 * i), container('MSKU', 1_001 + 2 * i)],
      packages: 1 + (i % 50),
      grossWeightKg: 1_000 + i / 4,
    }));
    const text = [
      ...lines.map((line) => JSON.stringify(line)),
      '',
      JSON.stringify({ ...lines[0], blNumber: elsewhere }),
      '{"blNumber": "TGBLBROKEN"',
      JSON.stringify({ ...lines[1], blNumber: newBl(), packages: -1, grossWeightKg: 'heavy', colour: 'red' }),
    ].join('\n');

    const started = Date.now();
    const report = await upload(callId, 'application/x-ndjson', text);
    const took = Date.now() - started;
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ received: 1_203, stored: 1_200, rejected: 3 });
    expect(report.body.errors).toEqual([
      expect.objectContaining({
        row: 1_201,
        line: 1_202,
        blNumber: elsewhere,
        errors: [
          expect.objectContaining({
            code: 'ALREADY_MANIFESTED',
            message: expect.stringContaining(otherCall),
          }),
        ],
      }),
      expect.objectContaining({ row: 1_202, errors: [expect.objectContaining({ code: 'MALFORMED_JSON' })] }),
      expect.objectContaining({ row: 1_203 }),
    ]);
    expect(report.body.errors[2].errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['packages', 'grossWeightKg', 'colour']),
    );
    expect((await port().get(`/v1/vessel-calls/${callId}/bills-of-lading?pageSize=1`)).body.total).toBe(
      1_200,
    );
    expect(took).toBeLessThan(60_000);

    const corrected = JSON.stringify({ ...lines[0], packages: 999 });
    const amended = await upload(
      callId,
      'application/x-ndjson',
      `${corrected}\n${JSON.stringify(lines[1])}\n`,
    );
    expect(amended.body).toMatchObject({ received: 2, stored: 0, amended: 1, unchanged: 1, rejected: 0 });
    expect((await port().get(`/v1/bills-of-lading/${lines[0].blNumber}`)).body.packages).toBe(999);
  });

  it('refuses what is not a manifest file: wrong media type, bad header, too large, wrong role, unknown call', async () => {
    const callId = await newCall();
    const json = await port().post(`/v1/vessel-calls/${callId}/manifest-uploads`, { billsOfLading: [] });
    expect(json.status).toBe(415);
    expect(json.body.code).toBe('MANIFEST_UPLOAD.UNSUPPORTED_MEDIA_TYPE');

    const header = await upload(callId, 'text/csv', 'blNumber,consignee,weight\nA,B,C\n');
    expect(header.status).toBe(422);
    expect(header.body.errors.map((e: { code: string }) => e.code).sort()).toEqual([
      'MISSING_COLUMN',
      'MISSING_COLUMN',
      'MISSING_COLUMN',
      'MISSING_COLUMN',
      'UNKNOWN_COLUMN',
    ]);
    expect((await upload(callId, 'text/csv', `${HEADER}\n`)).body.errors[0].code).toBe('EMPTY_UPLOAD');

    const row = `${newBl()},A,TRADER-1,${container('ZEPU', 1)},1,1\n`;
    const huge = await upload(
      callId,
      'text/csv',
      HEADER + '\n' + row.repeat(Math.ceil((21 * 1024 * 1024) / row.length)),
    );
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('MANIFEST_UPLOAD.TOO_LARGE');

    // a carrier may upload, but only to its own calls: another party's call is not found
    expect((await upload(callId, 'text/csv', `${HEADER}\n${row}`, 'carrier')).status).toBe(404);
    expect((await upload(callId, 'text/csv', `${HEADER}\n${row}`, 'customs')).status).toBe(403);
    const unknown = await upload('0b9f2a4e-1c7d-4e36-9a51-0d3c2b1a9f88', 'text/csv', `${HEADER}\n${row}`);
    expect(unknown.status).toBe(404);
    expect(await manifestOf(callId)).toEqual([]);
  });
});

describe('JSON manifest', () => {
  it('lists every deficiency at once, naming the expected check digit of each bad container', async () => {
    const callId = await newCall();
    const good = container('CSQU', 305438);
    const bad = withWrongDigit(container('CSQU', 305439));
    const bl = newBl();
    const refused = await port().post(`/v1/vessel-calls/${callId}/manifest`, {
      billsOfLading: [
        {
          blNumber: bl,
          consignee: 'A',
          consigneePartyId: 'TRADER-1',
          containerNumbers: [good, bad],
          packages: 1,
          grossWeightKg: 10,
        },
        {
          blNumber: bl,
          consignee: '',
          consigneePartyId: 'TRADER-1',
          containerNumbers: ['csqu3054383'],
          packages: 0,
          grossWeightKg: 10,
        },
      ],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('MANIFEST.REJECTED');
    expect(refused.body.errors).toEqual(
      expect.arrayContaining([
        {
          path: 'billsOfLading.0.containerNumbers.1',
          code: 'CONTAINER_CHECK_DIGIT',
          message: expect.stringContaining(`give ${container('CSQU', 305439)[10]}`),
        },
        expect.objectContaining({ path: 'billsOfLading.1.consignee' }),
        expect.objectContaining({ path: 'billsOfLading.1.packages' }),
        expect.objectContaining({ path: 'billsOfLading.1.blNumber', code: 'DUPLICATE_IN_MANIFEST' }),
      ]),
    );
    expect(await manifestOf(callId)).toEqual([]);
  });
});

describe('vessel calls', () => {
  it('refuses a bad vessel call listing every problem', async () => {
    const bad = await port().post('/v1/vessel-calls', {
      vesselName: '',
      voyage: '042E;DROP',
      imoNumber: '9783498',
      eta: '2 March',
      colour: 'red',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['vesselName', 'voyage', 'imoNumber', 'eta', 'colour']),
    );
  });

  it('lists calls by ETA with filters and pages, and records the ATA reported by the port once', async () => {
    const vesselName = `TG TEST ${Date.now()}`;
    const ids = [];
    for (const eta of ['2026-04-03T06:00:00Z', '2026-04-01T06:00:00Z', '2026-04-02T06:00:00Z']) {
      ids.push(await newCall({ vesselName, eta }));
    }
    const query = `vesselName=${encodeURIComponent(vesselName.toLowerCase().slice(3))}`;
    const firstPage = await port().get(`/v1/vessel-calls?${query}&pageSize=2`);
    expect(firstPage.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(firstPage.body.items.map((c: { id: string }) => c.id)).toEqual([ids[1], ids[2]]);
    const secondPage = await port().get(`/v1/vessel-calls?${query}&pageSize=2&page=2`);
    expect(secondPage.body.items.map((c: { id: string }) => c.id)).toEqual([ids[0]]);
    const ranged = await api
      .as(tokenFor('customs'))
      .get(`/v1/vessel-calls?${query}&etaFrom=2026-04-02T00:00:00Z&etaTo=2026-04-03T00:00:00Z`);
    expect(ranged.body.items.map((c: { id: string }) => c.id)).toEqual([ids[2]]);

    const wrongQuery = await port().get(
      `/v1/vessel-calls?status=sailing&etaFrom=2026-04-03T00:00:00Z&etaTo=2026-04-01T00:00:00Z&pageSize=0`,
    );
    expect(wrongQuery.status).toBe(422);
    expect(wrongQuery.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['status', 'etaTo', 'pageSize']),
    );

    const future = await port().post(`/v1/vessel-calls/${ids[1]}/arrival`, { ata: '2999-01-01T00:00:00Z' });
    expect(future.status).toBe(422);
    expect(future.body.errors[0].code).toBe('ATA_IN_FUTURE');
    const reported = await port().post(`/v1/vessel-calls/${ids[1]}/arrival`, { ata: '2026-04-01T05:40:00Z' });
    expect(reported.status).toBe(200);
    expect(reported.body).toMatchObject({
      status: 'arrived',
      ataSource: 'reported',
      ata: '2026-04-01T05:40:00.000Z',
    });
    expect(
      (await port().post(`/v1/vessel-calls/${ids[1]}/arrival`, { ata: '2026-04-01T05:40:00Z' })).status,
    ).toBe(200);
    const changed = await port().post(`/v1/vessel-calls/${ids[1]}/arrival`, { ata: '2026-04-01T07:00:00Z' });
    expect(changed.status).toBe(409);
    expect(
      (
        await api
          .as(tokenFor('carrier'))
          .post(`/v1/vessel-calls/${ids[0]}/arrival`, { ata: '2026-04-01T05:40:00Z' })
      ).status,
    ).toBe(403);

    const arrived = await port().get(`/v1/vessel-calls?${query}&status=arrived`);
    expect(arrived.body.items.map((c: { id: string }) => c.id)).toEqual([ids[1]]);
    expect((await port().get(`/v1/vessel-calls?${query}&status=expected`)).body.total).toBe(2);
  });
});

describe('discharge', () => {
  it('emits CargoArrived once, when the last container of a B/L is discharged; the first discharge is the ATA', async () => {
    const callId = await newCall();
    const bl = newBl();
    const [first, second] = [container('CSQU', 777_001), container('CSQU', 777_002)];
    const csv = `${HEADER}\n${bl},CONSIGNEE,TRADER-1,${first};${second},4,5000\n`;
    expect((await upload(callId, 'text/csv', csv)).body.stored).toBe(1);

    const one = await port().post(`/v1/vessel-calls/${callId}/container-discharges`, {
      containerNumber: first.toLowerCase(),
    });
    expect(one.status).toBe(200);
    expect(one.body.billsOfLading[0]).toMatchObject({ dischargedContainers: [first] });
    expect(one.body.billsOfLading[0].dischargedAt).toBeUndefined();
    const call = await port().get(`/v1/vessel-calls/${callId}`);
    expect(call.body).toMatchObject({ status: 'arrived', ataSource: 'first-discharge' });

    await new Promise((r) => setTimeout(r, 1_500)); // room for a wrongly early CargoArrived to show up
    expect(tap.ofType(CARGO_ARRIVED, bl)).toHaveLength(0);

    const both = await Promise.all([
      port().post(`/v1/vessel-calls/${callId}/container-discharges`, { containerNumber: second }),
      port().post(`/v1/vessel-calls/${callId}/container-discharges`, { containerNumber: second }),
      port().post(`/v1/vessel-calls/${callId}/discharges`, { blNumber: bl }),
    ]);
    expect(both.map((r) => r.status)).toEqual([200, 200, 200]);
    const arrived = await tap.waitFor((m) => m.headers.ce_type === CARGO_ARRIVED && m.key === bl);
    expect(arrived.payload).toMatchObject({
      shipmentId: bl,
      vesselCallId: callId,
      containerNumbers: [first, second],
      packages: 4,
      grossWeightKg: 5000,
    });
    await new Promise((r) => setTimeout(r, 2_000));
    expect(tap.ofType(CARGO_ARRIVED, bl)).toHaveLength(1);

    const unknown = await port().post(`/v1/vessel-calls/${callId}/container-discharges`, {
      containerNumber: container('CSQU', 777_003),
    });
    expect(unknown.status).toBe(404);
    const malformed = await port().post(`/v1/vessel-calls/${callId}/container-discharges`, {
      containerNumber: withWrongDigit(first),
    });
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors[0].message).toContain(`give ${first[10]}`);
  });

  it('discharges a whole B/L once, and a discharged line can no longer be amended', async () => {
    const callId = await newCall();
    const bl = newBl();
    const line = {
      blNumber: bl,
      consignee: 'A',
      consigneePartyId: 'TRADER-1',
      containerNumbers: [container('ZEPU', 42)],
      packages: 1,
      grossWeightKg: 10,
    };
    expect((await port().post(`/v1/vessel-calls/${callId}/manifest`, { billsOfLading: [line] })).status).toBe(
      201,
    );
    for (let i = 0; i < 2; i++) {
      const discharged = await port().post(`/v1/vessel-calls/${callId}/discharges`, {
        blNumber: bl.toLowerCase(),
      });
      expect(discharged.status).toBe(200);
      expect(discharged.body.dischargedAt).toBeDefined();
    }
    await eventually(() => tap.ofType(CARGO_ARRIVED, bl).length > 0, 30_000, 'CargoArrived');
    await new Promise((r) => setTimeout(r, 1_500));
    expect(tap.ofType(CARGO_ARRIVED, bl)).toHaveLength(1);

    const amend = await upload(callId, 'application/x-ndjson', JSON.stringify({ ...line, packages: 2 }));
    expect(amend.body).toMatchObject({
      stored: 0,
      rejected: 1,
      errors: [{ errors: [{ code: 'ALREADY_DISCHARGED' }] }],
    });
    const same = await upload(callId, 'application/x-ndjson', JSON.stringify(line));
    expect(same.body).toMatchObject({ unchanged: 1, rejected: 0 });
  });
});
