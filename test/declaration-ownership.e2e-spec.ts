import { Events } from '@tongguan/contracts';
import {
  ApiClient,
  declarationBody,
  EventTap,
  eventually,
  ServiceProcesses,
  testEnvironment,
  tokenFor,
  uniqueBl,
} from '@tongguan/testing';

/**
 * A B/L belongs to the consignee its manifest names: a declaration is accepted only from that party or
 * a broker it authorised. Measured as an outside attacker would, with ordinary importer accounts over
 * HTTP, against port-exchange and the declaration service on a real broker and store: the manifest
 * reaches the declaration service only as port-exchange's events.
 */
const env = testEnvironment('declaration-ownership', { RISK_RANDOM_RATE: '0' });
const processes = new ServiceProcesses(env);
const tap = new EventTap(env.KAFKA_BROKERS, env.TOPIC_PREFIX);
let port: ApiClient;
let declarations: ApiClient;

const TRADER = tokenFor('importer', 'TRADER-1');
const RIVAL = tokenFor('importer', 'TRADER-2');
const BROKER = tokenFor('importer', 'BROKER-7');
const CARRIER = tokenFor('carrier', 'CARRIER-A');
const OPS = tokenFor('ops', 'OPS-1');

async function manifest(bl: string, consigneePartyId = 'TRADER-1'): Promise<string> {
  const carrier = port.as(CARRIER);
  const call = await carrier.post('/v1/vessel-calls', {
    vesselName: 'COSCO SHIPPING ARIES',
    voyage: '042E',
    eta: '2026-03-02T06:00:00Z',
  });
  expect(call.status).toBe(201);
  const filed = await carrier.post(`/v1/vessel-calls/${call.body.id}/manifest`, {
    billsOfLading: [line(bl, consigneePartyId)],
  });
  expect(filed.status).toBe(201);
  return call.body.id as string;
}

const line = (bl: string, consigneePartyId: string) => ({
  blNumber: bl,
  consignee: 'SHENZHEN TRADING CO',
  consigneePartyId,
  containerNumbers: ['CSQU3054383'],
  packages: 2,
  grossWeightKg: 3100,
});

/** Until the declaration service has folded the manifest fact and lets `token` declare (or not). */
async function rightOf(bl: string, token: string, until: (right: Record<string, any>) => boolean) {
  return eventually(
    async () => {
      const right = (await declarations.as(token).get(`/v1/filing-rights/${bl}`)).body;
      return until(right) ? right : undefined;
    },
    30_000,
    `the filing right for ${bl}`,
  );
}
const mayDeclare = (bl: string, token = TRADER) => rightOf(bl, token, (r) => r.mayDeclare === true);

const lodge = (bl: string, token: string) =>
  declarations.as(token).post('/v1/declarations', declarationBody(bl));
const codesOf = (answer: { body: { errors?: { code: string }[] } }) =>
  (answer.body.errors ?? []).map((e) => e.code);

beforeAll(async () => {
  await tap.start(['port.events.v1', 'declaration.events.v1']);
  await processes.start(['port-exchange', 'declaration']);
  port = new ApiClient(processes.url('port-exchange'));
  declarations = new ApiClient(processes.url('declaration'));
});

afterAll(async () => {
  await processes.stopAll();
  await tap.stop();
});

describe('who may declare a B/L', () => {
  it('refuses every filing before the manifest names a consignee (advance manifest rule)', async () => {
    const bl = uniqueBl('ADVU');
    const early = await lodge(bl, TRADER);
    expect(early.status).toBe(422);
    expect(early.body.errors).toEqual([
      expect.objectContaining({ path: 'blNumber', code: 'BL_NOT_MANIFESTED' }),
    ]);
    await manifest(bl);
    await mayDeclare(bl);
    expect((await lodge(bl, TRADER)).status).toBe(201);
  });

  it("refuses another importer's filing for a B/L whose manifest names someone else, before and after the owner declares", async () => {
    const bl = uniqueBl('RIVU');
    await manifest(bl);
    await mayDeclare(bl);
    const before = await lodge(bl, RIVAL);
    expect(before.status).toBe(422);
    expect(codesOf(before)).toEqual(['NOT_CONSIGNEE']);
    expect(JSON.stringify(before.body)).not.toContain('TRADER-1');

    const owned = await lodge(bl, TRADER);
    expect(owned.status).toBe(201);
    const after = await lodge(bl, RIVAL);
    // the rival learns nothing of the active declaration: no DUPLICATE_BL, only its own lack of right
    expect(codesOf(after)).toEqual(['NOT_CONSIGNEE']);
    expect((await declarations.as(RIVAL).get(`/v1/declarations/${owned.body.id}`)).status).toBe(404);
    expect((await declarations.as(RIVAL).get(`/v1/filing-rights/${bl}`)).body).toEqual({
      blNumber: bl,
      mayDeclare: false,
      code: 'NOT_CONSIGNEE',
    });
  });

  it('after the rightful consignee withdraws, another party still cannot declare the B/L; the consignee can again', async () => {
    const bl = uniqueBl('WDRU');
    await manifest(bl);
    await mayDeclare(bl);
    const first = await lodge(bl, TRADER);
    expect(first.status).toBe(201);
    const withdrawn = await declarations
      .as(TRADER)
      .post(`/v1/declarations/${first.body.id}/withdrawal`, { reason: 'wrong invoice attached' });
    expect(withdrawn.status).toBe(200);

    const rival = await lodge(bl, RIVAL);
    expect(rival.status).toBe(422);
    expect(codesOf(rival)).toEqual(['NOT_CONSIGNEE']);
    expect((await lodge(bl, TRADER)).status).toBe(201);
  });

  it('accepts an authorised broker for the consignee, who owns the declaration; refuses the broker once revoked', async () => {
    const bl = uniqueBl('BRKU');
    const second = uniqueBl('BRKU');
    await manifest(bl);
    await manifest(second);
    await mayDeclare(bl);
    await mayDeclare(second);
    expect(codesOf(await lodge(bl, BROKER))).toEqual(['NOT_CONSIGNEE']);

    // only the consignee grants: the broker cannot authorise itself for someone else's B/Ls
    const granted = await declarations.as(TRADER).post('/v1/delegations', { brokerPartyId: 'BROKER-7' });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({
      consigneePartyId: 'TRADER-1',
      brokerPartyId: 'BROKER-7',
      status: 'active',
    });
    expect((await declarations.as(BROKER).get(`/v1/filing-rights/${bl}`)).body).toMatchObject({
      mayDeclare: true,
      ownerPartyId: 'TRADER-1',
      asBroker: true,
    });

    const filed = await lodge(bl, BROKER);
    expect(filed.status).toBe(201);
    const asOwner = await declarations.as(TRADER).get(`/v1/declarations/${filed.body.id}`);
    expect(asOwner.status).toBe(200);
    expect(asOwner.body).toMatchObject({ importerId: 'TRADER-1', filerId: 'BROKER-7' });
    expect((await declarations.as(BROKER).get(`/v1/declarations/${filed.body.id}`)).status).toBe(200);
    const filedByBroker = await declarations.as(BROKER).get(`/v1/declarations?as=filer&shipmentId=${bl}`);
    expect(filedByBroker.body.items.map((d: { id: string }) => d.id)).toEqual([filed.body.id]);
    expect((await declarations.as(BROKER).get(`/v1/declarations?shipmentId=${bl}`)).body.total).toBe(0);
    const owned = await declarations.as(TRADER).get(`/v1/declarations?shipmentId=${bl}`);
    expect(owned.body.items.map((d: { id: string }) => d.id)).toEqual([filed.body.id]);
    const lodged = await tap.waitFor(
      (m) => m.headers.ce_type === Events.DeclarationLodged.type && m.key === bl,
      30_000,
    );
    expect(lodged.payload).toMatchObject({ importerId: 'TRADER-1', filerId: 'BROKER-7' });
    // what follows the declaration (payment, release, transport, gate) follows its owner
    const assessed = await tap.waitFor(
      (m) => m.headers.ce_type === Events.DutyAssessed.type && m.key === bl,
      30_000,
    );
    expect(assessed.payload.importerId).toBe('TRADER-1');

    const revoked = await declarations
      .as(TRADER)
      .request<{ status: string }>('DELETE', '/v1/delegations/BROKER-7');
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    const afterRevocation = await lodge(second, BROKER);
    expect(afterRevocation.status).toBe(422);
    expect(codesOf(afterRevocation)).toEqual(['NOT_CONSIGNEE']);
    expect((await declarations.as(TRADER).request('DELETE', '/v1/delegations/BROKER-7')).status).toBe(404);
    const listed = await declarations.as(TRADER).get('/v1/delegations');
    expect(listed.body.items).toEqual([
      expect.objectContaining({ brokerPartyId: 'BROKER-7', status: 'revoked' }),
    ]);
    expect((await declarations.as(BROKER).get('/v1/delegations')).body.total).toBe(0);
  });

  it('refuses a delegation to oneself or to something that is no party id, and to non-importers', async () => {
    const self = await declarations.as(TRADER).post('/v1/delegations', { brokerPartyId: 'TRADER-1' });
    expect(self.status).toBe(422);
    expect(codesOf(self)).toEqual(['SELF_DELEGATION']);
    const malformed = await declarations.as(TRADER).post('/v1/delegations', { brokerPartyId: { $ne: null } });
    expect(malformed.status).toBe(422);
    const extra = await declarations
      .as(TRADER)
      .post('/v1/delegations', { brokerPartyId: 'B-1', scope: 'all' });
    expect(extra.status).toBe(422);
    expect((await declarations.as(OPS).post('/v1/delegations', { brokerPartyId: 'B-1' })).status).toBe(403);
  });

  it("follows the manifest: a consignee amended by the carrier moves the right and cancels the old owner's declaration; a withdrawn line names nobody", async () => {
    const bl = uniqueBl('AMDU');
    const callId = await manifest(bl, 'TRADER-1');
    await mayDeclare(bl);
    const first = await lodge(bl, TRADER);
    expect(first.status).toBe(201);

    const amended = await port
      .as(CARRIER)
      .post(`/v1/vessel-calls/${callId}/manifest`, { billsOfLading: [line(bl, 'TRADER-2')] });
    expect(amended.status).toBe(201);
    await mayDeclare(bl, RIVAL);
    // the old owner's declaration goes: nothing (release, transport, gate) follows a party the manifest does not name
    const cancelled = await tap.waitFor(
      (m) => m.headers.ce_type === Events.DeclarationWithdrawn.type && m.key === bl,
      30_000,
    );
    expect(cancelled.payload).toMatchObject({ declarationId: first.body.id, importerId: 'TRADER-1' });
    expect(cancelled.payload.reason).toContain('no longer names TRADER-1');
    await eventually(
      async () =>
        (await declarations.as(TRADER).get(`/v1/declarations/${first.body.id}`)).body.status === 'cancelled',
      30_000,
      'the cancellation',
    );
    expect(codesOf(await lodge(bl, TRADER))).toEqual(['NOT_CONSIGNEE']);
    expect((await lodge(bl, RIVAL)).status).toBe(201);

    const withdrawn = await port
      .as(CARRIER)
      .post(`/v1/bills-of-lading/${bl}/withdrawal`, { reason: 'cancelled booking' });
    expect(withdrawn.status).toBe(200);
    await rightOf(bl, RIVAL, (r) => r.code === 'BL_NOT_MANIFESTED');
    expect(codesOf(await lodge(bl, RIVAL))).toEqual(['BL_NOT_MANIFESTED']);
  });

  it("a squatter's consignee that declared first loses the declaration once ops withdraw the squatted line; the rightful consignee then declares", async () => {
    const bl = uniqueBl('SQTU');
    const squatter = tokenFor('carrier', 'CARRIER-B');
    const squatCall = await port.as(squatter).post('/v1/vessel-calls', {
      vesselName: 'NOT THE SHIP',
      voyage: '001X',
      eta: '2026-03-02T06:00:00Z',
    });
    expect(
      (
        await port
          .as(squatter)
          .post(`/v1/vessel-calls/${squatCall.body.id}/manifest`, { billsOfLading: [line(bl, 'TRADER-2')] })
      ).status,
    ).toBe(201);
    await mayDeclare(bl, RIVAL);
    const squatted = await lodge(bl, RIVAL);
    expect(squatted.status).toBe(201);

    // the rightful carrier is refused, and ops see why
    const rightfulCall = await port.as(CARRIER).post('/v1/vessel-calls', {
      vesselName: 'COSCO SHIPPING ARIES',
      voyage: '042E',
      eta: '2026-03-02T06:00:00Z',
    });
    const refused = await port
      .as(CARRIER)
      .post(`/v1/vessel-calls/${rightfulCall.body.id}/manifest`, { billsOfLading: [line(bl, 'TRADER-1')] });
    expect(codesOf(refused)).toEqual(['ALREADY_MANIFESTED']);
    const conflicts = await port.as(OPS).get(`/v1/manifest-conflicts?blNumber=${bl}`);
    expect(conflicts.body.items[0]).toMatchObject({
      holderPartyId: 'CARRIER-B',
      claimantPartyId: 'CARRIER-A',
    });

    expect(
      (await port.as(OPS).post(`/v1/bills-of-lading/${bl}/withdrawal`, { reason: 'squatted B/L number' }))
        .status,
    ).toBe(200);
    await eventually(
      async () =>
        (await declarations.as(RIVAL).get(`/v1/declarations/${squatted.body.id}`)).body.status ===
        'cancelled',
      30_000,
      "the squatter's declaration to be cancelled",
    );
    const refiled = await port
      .as(CARRIER)
      .post(`/v1/vessel-calls/${rightfulCall.body.id}/manifest`, { billsOfLading: [line(bl, 'TRADER-1')] });
    expect(refiled.status).toBe(201);
    await mayDeclare(bl);
    expect((await lodge(bl, TRADER)).status).toBe(201);
    expect(codesOf(await lodge(bl, RIVAL))).toEqual(['NOT_CONSIGNEE']);
  });

  it('of the consignee and its broker racing for one B/L, exactly one is accepted', async () => {
    const bl = uniqueBl('RACU');
    await manifest(bl);
    expect(
      (await declarations.as(TRADER).post('/v1/delegations', { brokerPartyId: 'BROKER-8' })).status,
    ).toBe(201);
    const broker8 = tokenFor('importer', 'BROKER-8');
    await mayDeclare(bl, broker8);
    const answers = await Promise.all([
      lodge(bl, TRADER),
      lodge(bl, broker8),
      lodge(bl, TRADER),
      lodge(bl, broker8),
    ]);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    for (const refused of answers.filter((a) => a.status !== 201))
      expect(codesOf(refused)).toEqual(['DUPLICATE_BL']);
  });
});
