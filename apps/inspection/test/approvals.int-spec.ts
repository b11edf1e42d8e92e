import { Clock } from '@tongguan/clock';
import {
  ApiClient,
  eventually,
  EventTap,
  ServiceProcesses,
  testEnvironment,
  tokenFor,
  type TappedMessage,
} from '@tongguan/testing';

const DECISION_RECORDED = 'tongguan.inspection.AgencyDecisionRecorded.v1';

// The business clock starts on Friday 6 March 2026 at 16:30 in China, when every request below is
// dated: licensing and health count on the government's 5-day week (09:00-12:00, 13:30-17:30), so
// licensing's 16 hours end on Wednesday 10:00 and health's 8 on Monday 17:30. At 3600x a real second is
// a business hour: the weekend passes in a minute, Wednesday 10:00 comes ~114 s after the start.
const FRIDAY_1630 = '2026-03-06T08:30:00.000Z';
const CLOCK_SPEED = 3600;
let clock: Clock;
/** Real ms until a business instant, plus room for the sweep, the outbox and the broker. */
const realWaitFor = (instant: string) => Math.ceil(clock.realDelayUntil(Date.parse(instant))) + 20_000;

const env = testEnvironment('approvals');
const services = new ServiceProcesses(env);
const tap = new EventTap(process.env.KAFKA_BROKERS!, env.TOPIC_PREFIX);
let api: ApiClient;
const ops = tokenFor('ops');
const licensingOfficer = tokenFor('agency', 'licensing');
const healthOfficer = tokenFor('agency', 'health');

const LICENCE = { agency: 'licensing', step: 'licence-verification', ruleIds: ['LIC-ARMS'] };
const HEALTH = { agency: 'health', step: 'registration-check', ruleIds: ['HEALTH-DRUGS'] };

/** Publishes ApprovalsRequested as the declaration service would, dated `time` (business time). */
async function request(
  declarationId: string,
  approvals: (typeof LICENCE)[],
  options: { version?: number; greenChannel?: boolean; time?: string; id?: string; shipmentId?: string } = {},
): Promise<string> {
  return tap.publish(
    'ApprovalsRequested',
    {
      shipmentId: options.shipmentId ?? `SHIP-${declarationId}`,
      declarationId,
      declarationVersion: options.version ?? 1,
      importerId: 'TRADER-1',
      greenChannel: options.greenChannel ?? false,
      tradeMode: '0110',
      currency: 'CNY',
      items: [
        { hsCode: '930200', originCountry: 'DE', customsValueMinor: 2_500_000 },
        { hsCode: '300490', originCountry: 'CH', customsValueMinor: 800_000 },
      ],
      approvals,
    },
    { time: options.time ?? FRIDAY_1630, id: options.id },
  );
}

/** The declaration's tasks as ops sees them, once `count` are open. */
async function tasksOf(declarationId: string, count: number): Promise<Record<string, any>[]> {
  return eventually(
    async () => {
      const page = await api.as(ops).get('/v1/approvals?pageSize=100');
      const mine = page.body.items.filter(
        (t: { declarationId: string }) => t.declarationId === declarationId,
      );
      return mine.length === count ? mine : undefined;
    },
    30_000,
    `${count} approval tasks of ${declarationId}`,
  );
}

const decisionsOf = (taskId: string) =>
  tap.messages.filter((m) => m.headers.ce_type === DECISION_RECORDED && m.payload?.taskId === taskId);

function decisionOf(taskId: string, timeoutMs = 30_000): Promise<TappedMessage> {
  return tap.waitFor(
    (m) => m.headers.ce_type === DECISION_RECORDED && m.payload?.taskId === taskId,
    timeoutMs,
    `AgencyDecisionRecorded of ${taskId}`,
  );
}

beforeAll(async () => {
  await tap.start(['declaration.events.v1', 'inspection.events.v1']);
  const anchor = new Date().toISOString();
  clock = new Clock({ epoch: FRIDAY_1630, speed: CLOCK_SPEED, anchor });
  // two desks share the store and the consumer group, as when the service is scaled out
  await services.start(
    ['inspection'],
    {
      inspection: {
        CLOCK_EPOCH: FRIDAY_1630,
        CLOCK_SPEED: String(CLOCK_SPEED),
        CLOCK_ANCHOR: anchor,
        DEADLINE_POLL_MS: '1000',
      },
    },
    { instances: 2 },
  );
  api = new ApiClient(services.url('inspection'));
});

afterAll(async () => {
  await services.stopAll();
  await tap.stop();
});

describe('approval desk', () => {
  let licensingA: Record<string, any>;
  let healthA: Record<string, any>;
  let licensingB: Record<string, any>;

  it('opens one task per agency the request names, once, timed on each agency calendar', async () => {
    const first = await request('DEC-A', [LICENCE, HEALTH]);
    await request('DEC-B', [LICENCE]);
    const tasks = await tasksOf('DEC-A', 2);
    licensingA = tasks.find((t) => t.agency === 'licensing')!;
    healthA = tasks.find((t) => t.agency === 'health')!;
    licensingB = (await tasksOf('DEC-B', 1))[0];

    // opened Friday 16:30: the weekend is skipped, licensing ends Wednesday 10:00, health Monday 17:30
    expect(licensingA).toMatchObject({
      step: 'licence-verification',
      status: 'open',
      openedAt: FRIDAY_1630,
      limitHours: 16,
      dueAt: '2026-03-11T02:00:00.000Z',
      tacitApproval: true,
      ruleIds: ['LIC-ARMS'],
      importerId: 'TRADER-1',
      tradeMode: '0110',
      shipmentId: 'SHIP-DEC-A',
    });
    expect(licensingA.items).toHaveLength(2);
    expect(healthA).toMatchObject({ limitHours: 8, dueAt: '2026-03-09T09:30:00.000Z', tacitApproval: false });
    expect(licensingB.dueAt).toBe(licensingA.dueAt);

    // the same request again: the very same message (the inbox drops it), and under a new ce_id
    await request('DEC-A', [LICENCE, HEALTH], { id: first });
    await request('DEC-A', [LICENCE, HEALTH]);
    // a later request of the same shipment travels on the same partition: once it is in, so are the copies
    await request('DEC-A-LATER', [HEALTH], { shipmentId: 'SHIP-DEC-A' });
    await tasksOf('DEC-A-LATER', 1);
    expect(await tasksOf('DEC-A', 2)).toHaveLength(2);
  });

  it("puts the green channel first in an agency's queue, and shows an officer only its agency's tasks", async () => {
    // green, opened Tuesday 13:30: its 8 hours end Wednesday 14:30, after DEC-A's and DEC-B's limit
    await request('DEC-GREEN', [LICENCE], { greenChannel: true, time: '2026-03-10T05:30:00.000Z' });
    const [green] = await tasksOf('DEC-GREEN', 1);
    expect(green).toMatchObject({ limitHours: 8, dueAt: '2026-03-11T06:30:00.000Z', greenChannel: true });

    const queue = await api.as(licensingOfficer).get('/v1/approvals?agency=licensing&status=open');
    expect(queue.status).toBe(200);
    expect(queue.body.items[0].id).toBe(green.id);
    expect(queue.body.items.every((t: { agency: string }) => t.agency === 'licensing')).toBe(true);
    const dues = queue.body.items.slice(1).map((t: { dueAt: string }) => t.dueAt);
    expect(dues).toEqual([...dues].sort());

    const mine = await api.as(licensingOfficer).get('/v1/approvals?pageSize=100');
    expect(mine.body.items.some((t: { agency: string }) => t.agency !== 'licensing')).toBe(false);
    expect((await api.as(licensingOfficer).get('/v1/approvals?agency=health')).body.total).toBe(0);
    expect((await api.as(ops).get('/v1/approvals?agency=mint')).status).toBe(422);
    expect((await api.as(tokenFor('importer', 'TRADER-1')).get('/v1/approvals')).status).toBe(403);
  });

  it('lets a licensing officer approve within the limit, and no other agency touch the task', async () => {
    const path = `/v1/approvals/${licensingA.id}`;
    // another agency's officer does not even find it
    expect((await api.as(healthOfficer).get(path)).status).toBe(404);
    const foreign = await api.as(healthOfficer).post(`${path}/decision`, { outcome: 'approved' });
    expect(foreign.status).toBe(404);
    expect((await api.as(ops).post(`${path}/decision`, { outcome: 'approved' })).status).toBe(403);
    const unexplained = await api.as(licensingOfficer).post(`${path}/decision`, { outcome: 'refused' });
    expect(unexplained.status).toBe(422);

    const approved = await api
      .as(licensingOfficer)
      .post(`${path}/decision`, { outcome: 'approved', reasons: ['licence 2026-ARMS-0042 on file'] });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: 'licensing', withinLimit: true });

    const recorded = await decisionOf(licensingA.id);
    expect(recorded.key).toBe('SHIP-DEC-A');
    expect(recorded.headers.ce_source).toBe('inspection');
    expect(recorded.payload).toMatchObject({
      declarationId: 'DEC-A',
      agency: 'licensing',
      step: 'licence-verification',
      outcome: 'approved',
      decidedBy: 'licensing',
      openedAt: FRIDAY_1630,
      dueAt: '2026-03-11T02:00:00.000Z',
      limitHours: 16,
      traderWaitHours: 0,
      withinLimit: true,
      greenChannel: false,
      reasons: ['licence 2026-ARMS-0042 on file'],
    });
    // decided before Monday: only Friday 16:30-17:30 counted (or less, had the clock been quicker)
    expect(recorded.payload.decisionHours).toBeLessThanOrEqual(1);

    const again = await api
      .as(licensingOfficer)
      .post(`${path}/decision`, { outcome: 'refused', reasons: ['x'] });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('APPROVAL.ALREADY_DECIDED');
    const green = (await tasksOf('DEC-GREEN', 1))[0];
    await api.as(licensingOfficer).post(`/v1/approvals/${green.id}/decision`, { outcome: 'approved' });
  });

  it('closes the tasks of a withdrawn declaration; a later version opens nothing already granted', async () => {
    await request('DEC-W', [LICENCE]);
    const [withdrawn] = await tasksOf('DEC-W', 1);
    await tap.publish('DeclarationWithdrawn', {
      shipmentId: 'SHIP-DEC-W',
      declarationId: 'DEC-W',
      importerId: 'TRADER-1',
      reason: 'sold in transit',
    });
    await eventually(
      async () => (await api.as(ops).get(`/v1/approvals/${withdrawn.id}`)).body.status === 'withdrawn',
      30_000,
      'the withdrawal',
    );
    const late = await api.as(licensingOfficer).post(`/v1/approvals/${withdrawn.id}/decision`, {
      outcome: 'approved',
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('APPROVAL.CLOSED');

    await request('DEC-V', [LICENCE]);
    const [v1] = await tasksOf('DEC-V', 1);
    await api.as(licensingOfficer).post(`/v1/approvals/${v1.id}/decision`, { outcome: 'approved' });
    await request('DEC-V', [LICENCE, HEALTH], { version: 2 });
    const both = await tasksOf('DEC-V', 2);
    expect(both.find((t) => t.agency === 'health')).toMatchObject({ declarationVersion: 2, status: 'open' });
    expect(both.filter((t) => t.agency === 'licensing')).toHaveLength(1);
  });

  it('lets a step without tacit approval pass its limit as overdue, never approved, decidable late', async () => {
    const path = `/v1/approvals/${healthA.id}`;
    const overdue = await eventually(
      async () => {
        const task = (await api.as(healthOfficer).get(path)).body;
        return task.status === 'overdue' ? task : undefined;
      },
      realWaitFor(healthA.dueAt),
      'the health check to become overdue',
    );
    expect(Date.parse(overdue.overdueAt)).toBeGreaterThanOrEqual(Date.parse(healthA.dueAt));
    expect(decisionsOf(healthA.id)).toHaveLength(0);

    const decided = await api.as(healthOfficer).post(`${path}/decision`, { outcome: 'approved' });
    expect(decided.status).toBe(200);
    const recorded = await decisionOf(healthA.id);
    expect(recorded.payload).toMatchObject({ outcome: 'approved', decidedBy: 'health', withinLimit: false });
    expect(recorded.payload.decisionHours).toBeGreaterThanOrEqual(8);
  });

  it('deems a licensing step left alone approved at its limit on Wednesday 10:00, once across two desks', async () => {
    const deemed = await decisionOf(licensingB.id, realWaitFor(licensingB.dueAt));
    expect(deemed.payload).toMatchObject({
      declarationId: 'DEC-B',
      agency: 'licensing',
      outcome: 'deemed-approved',
      decidedBy: 'tacit-approval',
      dueAt: '2026-03-11T02:00:00.000Z',
      decisionHours: 16,
      withinLimit: false,
    });
    expect(Date.parse(deemed.headers.ce_time)).toBeGreaterThanOrEqual(Date.parse('2026-03-11T02:00:00.000Z'));
    const task = (await api.as(licensingOfficer).get(`/v1/approvals/${licensingB.id}`)).body;
    expect(task).toMatchObject({ status: 'deemed-approved', decidedBy: 'tacit-approval' });
    const late = await api.as(licensingOfficer).post(`/v1/approvals/${licensingB.id}/decision`, {
      outcome: 'refused',
      reasons: ['too late'],
    });
    expect(late.body.code).toBe('APPROVAL.ALREADY_DECIDED');

    // both desks swept this deadline; give a second announcement time to show
    await new Promise((r) => setTimeout(r, 3_000));
    expect(decisionsOf(licensingB.id)).toHaveLength(1);
  });
});
