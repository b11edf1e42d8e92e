import { Clock } from '@tongguan/clock';
import type { PayloadInput } from '@tongguan/contracts';
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
const RISK_ASSESSED = 'tongguan.inspection.RiskAssessed.v1';
const DEEMED_APPROVED = 'tongguan.inspection.InspectionDeemedApproved.v1';

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
const customsOfficer = tokenFor('customs', 'CUSTOMS-OFFICER-1');
const inspectionOfficer = tokenFor('inspection', 'INSPECTOR-1');

const LICENCE = { agency: 'licensing', step: 'licence-verification', ruleIds: ['LIC-ARMS'] };
const HEALTH = { agency: 'health', step: 'registration-check', ruleIds: ['HEALTH-DRUGS'] };
const REVIEW = { agency: 'customs', step: 'acceptance-review', ruleIds: ['CUSTOMS-REVIEW-ARMS'] };

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

/** What the declaration service announces about a declaration, dated now in business time. */
function announce<N extends 'DeclarationAccepted' | 'ReleaseRefused' | 'DeclarationStatusChanged'>(
  name: N,
  payload: PayloadInput<N>,
  id?: string,
): Promise<string> {
  return tap.publish(name, payload, { time: clock.now().toISOString(), id });
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
        // a physical inspection of 16 working hours: it is still open when another agency's refusal
        // closes it, and its limit passes before the file ends
        INSPECTION_LIMIT_HOURS_RED: '16',
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

  // DEC-R: one agency refuses; the declaration refuses release and the rest of its work closes
  let refusedLicence: Record<string, any>;
  let closedHealth: Record<string, any>;
  let closedInspection: Record<string, any>;

  it("closes the other agencies' open steps and the open inspection when one agency refuses, once", async () => {
    const subject = { shipmentId: 'SHIP-DEC-R', declarationId: 'DEC-R', importerId: 'TRADER-1' };
    const requested = await request('DEC-R', [LICENCE, HEALTH]);
    // accepted with goods from a high-risk origin: a physical inspection opens as well
    await announce('DeclarationAccepted', {
      ...subject,
      currency: 'CNY',
      items: [{ hsCode: '930200', originCountry: 'KP', customsValueMinor: 2_500_000 }],
      greenChannel: false,
    });
    const assessed = await tap.waitFor(
      (m) => m.headers.ce_type === RISK_ASSESSED && m.payload?.declarationId === 'DEC-R',
      30_000,
      'RiskAssessed of DEC-R',
    );
    expect(assessed.payload.channel).toBe('RED');
    const inspectionPath = `/v1/inspection-tasks/${assessed.payload.taskId}`;
    const tasks = await tasksOf('DEC-R', 2);
    refusedLicence = tasks.find((t) => t.agency === 'licensing')!;
    closedHealth = tasks.find((t) => t.agency === 'health')!;

    const refused = await api.as(licensingOfficer).post(`/v1/approvals/${refusedLicence.id}/decision`, {
      outcome: 'refused',
      reasons: ['no licence on file'],
    });
    expect(refused.status).toBe(200);
    await decisionOf(refusedLicence.id);
    // what the declaration service then says, delivered twice: the same message, and again under a new id
    const reasons = ['licensing/licence-verification refused by licensing: no licence on file'];
    const refusal = await announce('ReleaseRefused', { ...subject, reasons });
    await announce('ReleaseRefused', { ...subject, reasons }, refusal);
    await announce('ReleaseRefused', { ...subject, reasons });
    // and the request redelivered after the end: it opens nothing again
    await request('DEC-R', [LICENCE, HEALTH], { id: requested });
    await request('DEC-R', [LICENCE, HEALTH]);
    // a later request of the same shipment travels on the same partition: once it is in, so are those
    await request('DEC-R-LATER', [HEALTH], { shipmentId: 'SHIP-DEC-R' });
    await tasksOf('DEC-R-LATER', 1);

    const reason = `release refused: ${reasons[0]}`;
    closedHealth = (await api.as(healthOfficer).get(`/v1/approvals/${closedHealth.id}`)).body;
    expect(closedHealth).toMatchObject({ status: 'closed', closedReason: reason });
    expect(Date.parse(closedHealth.closedAt)).toBeLessThan(Date.parse(closedHealth.dueAt));
    closedInspection = (await api.as(inspectionOfficer).get(inspectionPath)).body;
    expect(closedInspection).toMatchObject({ status: 'closed', closedReason: reason });
    const after = await tasksOf('DEC-R', 2);
    expect(after.find((t) => t.agency === 'licensing')).toMatchObject({ status: 'refused' });
    expect(after.find((t) => t.agency === 'health')).toMatchObject({ closedAt: closedHealth.closedAt });

    const late = await api
      .as(healthOfficer)
      .post(`/v1/approvals/${closedHealth.id}/decision`, { outcome: 'approved' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'APPROVAL.CLOSED' });
    expect(late.body.message).toMatch(/release refused/);
    const result = await api
      .as(inspectionOfficer)
      .post(`${inspectionPath}/result`, { result: 'passed', findings: ['seals intact'] });
    expect(result.status).toBe(409);
    expect(result.body.code).toBe('INSPECTION.TASK_CLOSED');
  });

  // DEC-J: customs rejects the filing at its acceptance review; the licensing step still open closes
  let rejectedReview: Record<string, any>;
  let closedLicence: Record<string, any>;

  it('closes the other open steps when customs rejects the declaration at its acceptance review', async () => {
    const subject = { shipmentId: 'SHIP-DEC-J', declarationId: 'DEC-J', importerId: 'TRADER-1' };
    // lodged Saturday 17:00: the review's 2 working hours end Monday 10:00, licensing's 16 Wednesday 11:00
    const lodgedAt = '2026-03-07T09:00:00.000Z';
    await request('DEC-J', [REVIEW, LICENCE], { time: lodgedAt });
    const tasks = await tasksOf('DEC-J', 2);
    rejectedReview = tasks.find((t) => t.agency === 'customs')!;
    closedLicence = tasks.find((t) => t.agency === 'licensing')!;
    expect(rejectedReview.dueAt).toBe('2026-03-09T02:00:00.000Z');
    expect(closedLicence.dueAt).toBe('2026-03-11T03:00:00.000Z');

    // the officer reviews once the filing is in (business time)
    await new Promise((r) => setTimeout(r, clock.realDelayUntil(Date.parse(lodgedAt))));
    const refused = await api.as(customsOfficer).post(`/v1/approvals/${rejectedReview.id}/decision`, {
      outcome: 'refused',
      reasons: ['end-user certificate missing'],
    });
    expect(refused.status).toBe(200);
    await decisionOf(rejectedReview.id);
    // the declaration rejects it: the status change to the importer, then ReleaseRefused, in one write
    const why = 'customs/acceptance-review refused by CUSTOMS-OFFICER-1: end-user certificate missing';
    await announce('DeclarationStatusChanged', { ...subject, status: 'rejected', reason: why });
    await announce('ReleaseRefused', { ...subject, reasons: [why] });

    closedLicence = await eventually(
      async () => {
        const task = (await api.as(licensingOfficer).get(`/v1/approvals/${closedLicence.id}`)).body;
        return task.status === 'closed' ? task : undefined;
      },
      30_000,
      'the licensing step to close',
    );
    expect(closedLicence.closedReason).toBe(`rejected at acceptance review: ${why}`);
    const late = await api
      .as(licensingOfficer)
      .post(`/v1/approvals/${closedLicence.id}/decision`, { outcome: 'approved' });
    expect(late.body.code).toBe('APPROVAL.CLOSED');
    const review = (await api.as(customsOfficer).get(`/v1/approvals/${rejectedReview.id}`)).body;
    expect(review).toMatchObject({ status: 'refused', decidedBy: 'CUSTOMS-OFFICER-1' });
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

  it('records no decision for a closed step or inspection, even after their limits pass', async () => {
    const limits = [closedHealth.dueAt, closedInspection.deadline, closedLicence.dueAt];
    const last = Math.max(...limits.map((d: string) => Date.parse(d)));
    // past the last limit, with room for both desks' sweeps (every second) and the outbox
    await new Promise((r) => setTimeout(r, clock.realDelayUntil(last) + 5_000));

    for (const task of [closedHealth, closedLicence]) {
      expect((await api.as(ops).get(`/v1/approvals/${task.id}`)).body).toMatchObject({
        status: 'closed',
        closedAt: task.closedAt,
      });
      expect(decisionsOf(task.id)).toHaveLength(0);
    }
    const inspection = (await api.as(inspectionOfficer).get(`/v1/inspection-tasks/${closedInspection.id}`))
      .body;
    expect(inspection.status).toBe('closed');
    expect(decisionsOf(closedInspection.id)).toHaveLength(0);
    const deemed = tap.messages.filter(
      (m) => m.headers.ce_type === DEEMED_APPROVED && m.payload?.taskId === closedInspection.id,
    );
    expect(deemed).toHaveLength(0);
    // the decided steps were announced once each
    expect(decisionsOf(refusedLicence.id)).toHaveLength(1);
    expect(decisionsOf(rejectedReview.id)).toHaveLength(1);
  });
});
