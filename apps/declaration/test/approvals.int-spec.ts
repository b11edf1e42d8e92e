import { Events, type EventName, type PayloadInput } from '@tongguan/contracts';
import {
  ApiClient,
  declarationBody,
  declarationLine,
  EventTap,
  eventually,
  MEDICAMENT,
  RIFLE,
  ServiceProcesses,
  testEnvironment,
  tokenFor,
  uniqueBl,
  type TappedMessage,
} from '@tongguan/testing';
import { randomUUID } from 'node:crypto';
import { CONSIGNEE, manifest } from './declaration.fixtures';

// The declaration service alone, on the real broker and store: the tests publish what the manifest,
// inspection (its risk path and the agencies' approval desk) and logistics would.
const env = testEnvironment('declaration-approvals');
const services = new ServiceProcesses(env);
const tap = new EventTap(process.env.KAFKA_BROKERS!, env.TOPIC_PREFIX);
let api: ApiClient;
const importer = tokenFor('importer', CONSIGNEE);
const customs = tokenFor('customs', 'CUSTOMS-3');

beforeAll(async () => {
  await tap.start(['port.events.v1', 'declaration.events.v1', 'inspection.events.v1', 'logistics.events.v1']);
  await services.start(['declaration']);
  api = new ApiClient(services.url('declaration'));
});

afterAll(async () => {
  await services.stopAll();
  await tap.stop();
});

const eventsOf = (name: EventName, bl: string) => tap.ofType(Events[name].type, bl);
const waitFor = (name: EventName, bl: string, match: (m: TappedMessage) => boolean = () => true) =>
  tap.waitFor(
    (m) => m.headers.ce_type === Events[name].type && m.key === bl && match(m),
    30_000,
    `${name} of ${bl}`,
  );

/** Manifest, filing right, lodgement: the 201 body. */
async function lodge(bl: string, items: unknown[], overrides: Record<string, unknown> = {}) {
  await manifest(tap, bl);
  const filer = api.as(importer);
  await eventually(
    async () => (await filer.get(`/v1/filing-rights/${bl}`)).body?.mayDeclare === true,
    30_000,
    `the filing right for ${bl}`,
  );
  const lodged = await filer.post('/v1/declarations', declarationBody(bl, { items, ...overrides }));
  expect(lodged.status).toBe(201);
  return lodged.body;
}

/** What the approval desk announces for one agency step of a declaration. */
function decision(
  d: { id: string; shipmentId: string },
  agency: string,
  step: string,
  outcome: 'approved' | 'refused' | 'deemed-approved',
  reasons: string[] = [],
): PayloadInput<'AgencyDecisionRecorded'> {
  return {
    shipmentId: d.shipmentId,
    declarationId: d.id,
    taskId: `${d.id.slice(0, 8)}:${agency}:${step}`,
    agency,
    step,
    outcome,
    decidedBy: outcome === 'deemed-approved' ? 'tacit-approval' : `${agency.toUpperCase()}-OFFICER-1`,
    // opened as the approvals were requested, i.e. after the lodgement
    openedAt: new Date(Date.now() + 60_000).toISOString(),
    dueAt: new Date(Date.now() + 3_600_000).toISOString(),
    limitHours: 16,
    decisionHours: 1,
    traderWaitHours: 0,
    withinLimit: outcome !== 'deemed-approved',
    greenChannel: false,
    reasons,
  };
}

const declarationOf = async (id: string) => (await api.as(customs).get(`/v1/declarations/${id}`)).body;

describe('declaration: routing and agency approvals', () => {
  it('accepts ordinary goods at once (automatic review) and still announces that no agency is required', async () => {
    const bl = uniqueBl('ORDU');
    const lodged = await lodge(bl, [declarationLine()]);
    expect(lodged).toMatchObject({
      status: 'accepted',
      statusCode: '01',
      tradeMode: '0110',
      greenChannel: false,
      approvals: [],
    });
    const requested = await waitFor('ApprovalsRequested', bl);
    expect(requested.payload).toMatchObject({ declarationVersion: 1, tradeMode: '0110', approvals: [] });
    await waitFor('DeclarationAccepted', bl);
    const stored = await declarationOf(lodged.id);
    expect(stored).toMatchObject({ status: 'accepted', statusCode: '01' });
    expect(stored.statusHistory[0]).toMatchObject({ status: 'received', statusCode: '02' });
    expect(stored.statusHistory.at(-1)).toMatchObject({
      status: 'accepted',
      reason: expect.stringMatching(/automatic review/),
    });
    // the code table is published in the service's OpenAPI document
    const document = (await api.get('/openapi.json')).body;
    expect(document.components.schemas.DeclarationStatusCode.oneOf).toContainEqual(
      expect.objectContaining({ const: '01', title: expect.stringContaining('已接受') }),
    );
  });

  it('fans controlled goods out to every agency its rules name, accepts on the acceptance review [T2 after T1] and releases only when all approved', async () => {
    const bl = uniqueBl('CTLU');
    const lodged = await lodge(bl, [RIFLE, MEDICAMENT]);
    expect(lodged.status).toBe('received');
    expect(lodged.approvals).toEqual([
      { agency: 'licensing', step: 'licence-verification', status: 'pending' },
      { agency: 'health', step: 'registration-check', status: 'pending' },
      { agency: 'customs', step: 'acceptance-review', status: 'pending' },
    ]);
    const requested = await waitFor('ApprovalsRequested', bl);
    expect(requested.payload.approvals).toEqual([
      { agency: 'licensing', step: 'licence-verification', ruleIds: ['LIC-ARMS'] },
      { agency: 'health', step: 'registration-check', ruleIds: ['HEALTH-DRUGS'] },
      { agency: 'customs', step: 'acceptance-review', ruleIds: ['CUS-REVIEW-CONTROLLED'] },
    ]);
    expect(requested.payload.items).toHaveLength(2);
    await waitFor('DeclarationLodged', bl);
    expect(eventsOf('DeclarationAccepted', bl)).toHaveLength(0);

    // the review lets its limit pass: deemed approved, so customs accepts and assesses duty now
    const lodgedAt = Date.parse((await waitFor('DeclarationLodged', bl)).headers.ce_time);
    await tap.publish(
      'AgencyDecisionRecorded',
      decision(lodged, 'customs', 'acceptance-review', 'deemed-approved'),
    );
    const accepted = await waitFor('DeclarationAccepted', bl);
    expect(Date.parse(accepted.headers.ce_time)).toBeGreaterThan(lodgedAt);
    const duty = await waitFor('DutyAssessed', bl);
    expect((await declarationOf(lodged.id)).status).toBe('accepted');

    // inspection clears, the duties are paid: the licence and the registration check still hold it
    await tap.publish('RiskAssessed', {
      shipmentId: bl,
      declarationId: lodged.id,
      assessmentId: randomUUID(),
      channel: 'GREEN',
      score: 0,
      reasons: [],
      taskId: '',
    });
    await tap.publish('PaymentSettled', {
      shipmentId: bl,
      declarationId: lodged.id,
      declarationVersion: 1,
      assessedMinor: duty.payload.totalMinor,
      dutiesAndTaxesMinor: duty.payload.totalMinor,
      paymentId: `PAY-${bl}`,
      importerId: CONSIGNEE,
      currency: duty.payload.currency,
      amountMinor: duty.payload.totalMinor,
      method: 'gateway',
      receiptNumber: `RCT-${bl}`,
    });
    await eventually(async () => (await declarationOf(lodged.id)).paid === true, 30_000, 'the payment');
    const licensed = decision(lodged, 'licensing', 'licence-verification', 'approved');
    await tap.publish('AgencyDecisionRecorded', licensed);
    await tap.publish('AgencyDecisionRecorded', licensed);
    await eventually(
      async () => (await declarationOf(lodged.id)).approvals[0].status === 'approved',
      30_000,
      'the licence',
    );
    expect(eventsOf('ShipmentReleased', bl)).toHaveLength(0);

    await tap.publish('AgencyDecisionRecorded', decision(lodged, 'health', 'registration-check', 'approved'));
    await waitFor('ShipmentReleased', bl);
    const released = await declarationOf(lodged.id);
    expect(released.status).toBe('released');
    const reasons = released.statusHistory.map((s: { reason: string }) => s.reason);
    expect(
      reasons.filter((r: string) => r.startsWith('licensing/licence-verification approved')),
    ).toHaveLength(1);
    expect(released.statusHistory.at(-1).reason).toBe(
      'accepted, inspection cleared and paid; approvals: licensing/licence-verification approved (LICENSING-OFFICER-1), ' +
        'health/registration-check approved (HEALTH-OFFICER-1), customs/acceptance-review deemed-approved (tacit-approval)',
    );
    expect(eventsOf('ShipmentReleased', bl)).toHaveLength(1);
  });

  it("rejects a declaration whose acceptance review is refused, telling the importer the officer's reasons", async () => {
    const bl = uniqueBl('REJU');
    const lodged = await lodge(bl, [RIFLE]);
    await waitFor('ApprovalsRequested', bl);
    await tap.publish(
      'AgencyDecisionRecorded',
      decision(lodged, 'customs', 'acceptance-review', 'refused', ['end-user certificate missing']),
    );
    const changed = await waitFor('DeclarationStatusChanged', bl);
    expect(changed.payload).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/end-user certificate missing/),
    });
    await waitFor('ReleaseRefused', bl);
    expect(eventsOf('DeclarationAccepted', bl)).toHaveLength(0);
    expect((await declarationOf(lodged.id)).status).toBe('rejected');
  });

  it('refuses release when an agency refuses, and asks the amended version only for what it still needs', async () => {
    const bl = uniqueBl('AMDU');
    // a processing-trade filing of ordinary goods: the officer reviews it against the manual
    const lodged = await lodge(bl, [declarationLine()], { tradeMode: '0615' });
    expect(lodged.approvals).toEqual([{ agency: 'customs', step: 'acceptance-review', status: 'pending' }]);
    await tap.publish('AgencyDecisionRecorded', decision(lodged, 'customs', 'acceptance-review', 'approved'));
    await waitFor('DeclarationAccepted', bl);

    // version 2 adds a medicament: the review stays granted, the registration check is requested for it
    const amended = await api.as(importer).post(`/v1/declarations/${lodged.id}/amendments`, {
      reason: 'second line forgotten',
      declaration: declarationBody(bl, { items: [declarationLine(), MEDICAMENT], tradeMode: '0615' }),
    });
    expect(amended.status).toBe(200);
    expect(amended.body.approvals).toEqual([
      { agency: 'health', step: 'registration-check', status: 'pending' },
      { agency: 'customs', step: 'acceptance-review', status: 'approved' },
    ]);
    const v2 = await waitFor('ApprovalsRequested', bl, (m) => m.payload.declarationVersion === 2);
    expect(v2.payload.approvals).toEqual([
      { agency: 'health', step: 'registration-check', ruleIds: ['HEALTH-DRUGS'] },
    ]);
    await tap.publish(
      'AgencyDecisionRecorded',
      decision(lodged, 'health', 'registration-check', 'refused', ['no import registration certificate']),
    );
    const refused = await waitFor('ReleaseRefused', bl);
    expect(refused.payload.reasons).toEqual([
      'health/registration-check refused by HEALTH-OFFICER-1: no import registration certificate',
    ]);
    expect((await declarationOf(lodged.id)).status).toBe('refused');
  });

  it('answers every deficiency in the language asked for, codes unchanged', async () => {
    const bl = uniqueBl('ZHCU');
    await manifest(tap, bl);
    await eventually(
      async () => (await api.as(importer).get(`/v1/filing-rights/${bl}`)).body?.mayDeclare === true,
      30_000,
      `the filing right for ${bl}`,
    );
    const body = declarationBody(bl, { tradeMode: '0999', incoterm: 'XYZ', extra: 1 });
    const chinese = await api
      .as(importer)
      .with({ 'accept-language': 'en;q=0.5, zh-CN;q=0.9' })
      .post('/v1/declarations', body);
    const english = await api
      .as(importer)
      .with({ 'accept-language': 'fr, en-GB;q=0.8' })
      .post('/v1/declarations', body);
    expect([chinese.status, english.status]).toEqual([422, 422]);
    expect(chinese.headers.get('content-language')).toBe('zh-CN');
    expect(english.headers.get('content-language')).toBe('en');
    expect(chinese.body.code).toBe(english.body.code);
    expect(chinese.body.message).toBe('报关单有误，所有问题均已列出');
    expect(english.body.message).toMatch(/^the declaration has \d+ deficienc/);
    const byPath = (answer: typeof chinese) =>
      Object.fromEntries(
        answer.body.errors.map((e: { path: string; code: string; message: string }) => [e.path, e]),
      );
    expect(byPath(chinese)).toMatchObject({
      tradeMode: { code: 'TRADE_MODE_UNKNOWN', message: 'tradeMode 不是代码表中的贸易方式' },
      incoterm: { code: 'IS_IN', message: expect.stringMatching(/^incoterm 必须是以下值之一：.*FOB/) },
      extra: { code: 'FIELD_NOT_ALLOWED', message: '不允许出现字段 extra' },
    });
    expect(byPath(english).tradeMode.message).toBe('0999 is not a trade mode of the code list');
    expect(Object.keys(byPath(chinese)).sort()).toEqual(Object.keys(byPath(english)).sort());
    const missing = await api
      .as(customs)
      .with({ 'accept-language': 'zh' })
      .get(`/v1/declarations/${randomUUID()}`);
    expect(missing.body).toMatchObject({
      code: 'DECLARATION.NOT_FOUND',
      message: expect.stringMatching(/^报关单 .+ 不存在$/),
    });
  });

  it('serves the code lists and the agencies with their names in the language asked for', async () => {
    const reader = api.as(importer);
    const chinese = await reader
      .with({ 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' })
      .get('/v1/code-lists/incoterms');
    const english = await reader.get('/v1/code-lists/incoterms');
    expect(chinese.headers.get('content-language')).toBe('zh-CN');
    expect(english.headers.get('content-language')).toBe('en');
    expect(chinese.body.entries).toContainEqual({ code: 'FOB', name: '船上交货' });
    expect(english.body.entries).toContainEqual({ code: 'FOB', name: 'Free On Board' });
    const agencies = await reader.with({ 'accept-language': 'zh' }).get('/v1/code-lists/agencies');
    expect(agencies.body.entries).toContainEqual({ code: 'customs', name: expect.stringMatching(/海关/) });
    const index = await reader.get('/v1/code-lists');
    expect(index.body.lists.map((l: { id: string }) => l.id)).toEqual(
      expect.arrayContaining(['trade-modes', 'units', 'incoterms', 'declaration-statuses', 'agencies']),
    );
    const unknown = await reader.with({ 'accept-language': 'zh-CN' }).get('/v1/code-lists/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'CODE_LIST.NOT_FOUND', message: '没有代码表 nope' });
  });

  it('refuses an unknown trade mode as one more deficiency', async () => {
    const bl = uniqueBl('TMDU');
    await manifest(tap, bl);
    const answer = await api
      .as(importer)
      .post('/v1/declarations', declarationBody(bl, { tradeMode: '0999', incoterm: 'XYZ' }));
    expect(answer.status).toBe(422);
    expect(answer.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)).toEqual(
      expect.arrayContaining(['tradeMode:TRADE_MODE_UNKNOWN', 'incoterm:IS_IN']),
    );
  });
});

describe('declaration: the earned green channel', () => {
  it('gives a self-declared AEO id nothing, and says why', async () => {
    const bl = uniqueBl('AEOU');
    const lodged = await lodge(bl, [declarationLine()], { aeoTraderId: 'AEO-CN-4403-0001' });
    expect(lodged.greenChannel).toBe(false);
    expect(lodged.greenChannelNotes).toEqual([
      expect.stringMatching(
        /^AEO id AEO-CN-4403-0001 is not a certificate of TRADER-1 valid on \d{4}-\d{2}-\d{2}: no benefit$/,
      ),
    ]);
    const accepted = await waitFor('DeclarationAccepted', bl);
    expect(accepted.payload.greenChannel).toBe(false);
    expect(accepted.payload).not.toHaveProperty('aeoTraderId');
    const stored = await declarationOf(lodged.id);
    expect(stored.statusHistory.map((s: { reason: string }) => s.reason)).toContain(
      lodged.greenChannelNotes[0],
    );
  });

  it('earns it from a project registered to the importer over the API, until the project is revoked', async () => {
    const operator = api.as(customs);
    const code = `MP-TEST-${Date.now().toString().slice(-6)}`;
    const bad = await operator.request<any>('PUT', `/v1/green-channel/major-projects/${code}`, {
      partyId: CONSIGNEE,
      name: 'Metro line 14 rolling stock',
      validFrom: '2026-02-30',
      validTo: '2020-01-01',
      extra: true,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['extra', 'validFrom']);
    const reversed = await operator.request<any>('PUT', `/v1/green-channel/major-projects/${code}`, {
      partyId: CONSIGNEE,
      name: 'Metro line 14 rolling stock',
      validFrom: '2026-01-01',
      validTo: '2025-12-31',
    });
    expect(reversed.status).toBe(422);
    expect(reversed.body.errors[0].code).toBe('VALIDITY_REVERSED');
    expect(
      (await api.as(importer).request<any>('PUT', `/v1/green-channel/major-projects/${code}`, {})).status,
    ).toBe(403);

    const registered = await operator.request<any>('PUT', `/v1/green-channel/major-projects/${code}`, {
      partyId: CONSIGNEE,
      name: 'Metro line 14 rolling stock',
      validFrom: '2020-01-01',
      validTo: '2099-12-31',
    });
    expect(registered.status).toBe(200);
    expect(registered.body).toMatchObject({
      code,
      status: 'active',
      source: 'api',
      changes: [{ action: 'registered', by: 'CUSTOMS-3', role: 'customs' }],
    });
    const mine = (await api.as(importer).get('/v1/green-channel/me')).body;
    expect(mine).toMatchObject({ partyId: CONSIGNEE, aeo: null });
    expect(mine.majorProjects).toEqual([expect.objectContaining({ code, validToday: true })]);

    const bl = uniqueBl('MPRU');
    const lodged = await lodge(bl, [RIFLE], { majorProjectCode: code });
    // the green channel spares the officer's acceptance review, not the licence
    expect(lodged).toMatchObject({
      status: 'accepted',
      greenChannel: true,
      greenChannelNotes: [],
      approvals: [{ agency: 'licensing', step: 'licence-verification', status: 'pending' }],
    });
    const accepted = await waitFor('DeclarationAccepted', bl);
    expect(accepted.payload).toMatchObject({ greenChannel: true, majorProjectCode: code });
    expect((await declarationOf(lodged.id)).traderStatus).toBe('major-project');

    const revoked = await operator.request<any>('DELETE', `/v1/green-channel/major-projects/${code}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    expect(revoked.body.changes.map((c: { action: string }) => c.action)).toEqual(['registered', 'revoked']);
    const after = await lodge(uniqueBl('MPXU'), [declarationLine()], { majorProjectCode: code });
    expect(after.greenChannel).toBe(false);
    expect(after.greenChannelNotes[0]).toMatch(/is not registered to TRADER-1/);
  });

  it('seeds the register from the file and lists it for customs and ops only', async () => {
    const listed = await api.as(tokenFor('ops', 'OPS-1')).get('/v1/green-channel?kind=aeo');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ partyId: 'TRADER-AEO', certificate: 'CN4403AEO0001', source: 'seed' }),
      ]),
    );
    expect((await api.as(importer).get('/v1/green-channel')).status).toBe(403);
    expect((await api.as(customs).get('/v1/green-channel/aeo/NOBODY-9')).status).toBe(404);
    expect((await api.as(customs).get('/v1/green-channel/aeo/bad%20id')).status).toBe(422);
  });
});
