import { readAgencyRegistry } from '@tongguan/agencies';
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
import { randomUUID } from 'node:crypto';

const RISK_ASSESSED = 'tongguan.inspection.RiskAssessed.v1';
const INSPECTION_COMPLETED = 'tongguan.inspection.InspectionCompleted.v1';
const DEEMED_APPROVED = 'tongguan.inspection.InspectionDeemedApproved.v1';
const DECISION_RECORDED = 'tongguan.inspection.AgencyDecisionRecorded.v1';
const DOCUMENTS_REQUESTED = 'tongguan.inspection.DocumentsRequested.v1';

// Limits run on the registry's inspection calendar (Monday-Saturday, 08:30-12:00 and 13:30-17:30 at
// UTC+8), so the business clock starts on Monday 2 March 2026 at 08:30 in China. At 3600x a real second is a business
// hour: 8 working hours end 24.5 business hours (real seconds) later when counted from the opening,
// up to ~40 when a task is opened after closing time; the waits are derived from the deadline.
const CLOCK_EPOCH = '2026-03-02T00:30:00Z';
const CLOCK_SPEED = 3600;
let clock: Clock;
const calendar = readAgencyRegistry({}).calendarOf('inspection');
/** Real ms until a business deadline, plus room for the poll, the outbox and the broker. */
const realWaitFor = (deadline: string) => Math.ceil(clock.realDelayUntil(Date.parse(deadline))) + 20_000;

const env = testEnvironment('inspection');
const services = new ServiceProcesses(env);
const tap = new EventTap(process.env.KAFKA_BROKERS!, env.TOPIC_PREFIX);
let api: ApiClient;
const officer = tokenFor('inspection', 'OFFICER-1');

interface Declaration {
  shipmentId: string;
  declarationId: string;
  origin?: string;
  hsCode?: string;
}

/** Publishes DeclarationAccepted as the declaration service would: CloudEvents headers, keyed by shipment. */
async function accept(
  d: Declaration,
  ceId: string = randomUUID(),
  correlationId: string = randomUUID(),
): Promise<string> {
  const payload = {
    shipmentId: d.shipmentId,
    declarationId: d.declarationId,
    importerId: 'TRADER-1',
    currency: 'CNY',
    items: [{ hsCode: d.hsCode ?? '847130', originCountry: d.origin ?? 'DE', customsValueMinor: 1_250_000 }],
    greenChannel: false,
  };
  await tap.publish('DeclarationAccepted', payload, { id: ceId, correlationId });
  return ceId;
}

/** The AgencyDecisionRecorded of a task: inspection's steps are scored like every agency's. */
function decisionOf(taskId: string, timeoutMs = 30_000): Promise<TappedMessage> {
  return tap.waitFor(
    (m) => m.headers.ce_type === DECISION_RECORDED && m.payload?.taskId === taskId,
    timeoutMs,
    `AgencyDecisionRecorded of ${taskId}`,
  );
}

function riskAssessedOf(declarationId: string, timeoutMs = 30_000): Promise<TappedMessage> {
  return tap.waitFor(
    (m) => m.headers.ce_type === RISK_ASSESSED && m.payload?.declarationId === declarationId,
    timeoutMs,
    `RiskAssessed of ${declarationId}`,
  );
}

beforeAll(async () => {
  await tap.start(['declaration.events.v1', 'inspection.events.v1']);
  const anchor = new Date().toISOString();
  clock = new Clock({ epoch: CLOCK_EPOCH, speed: CLOCK_SPEED, anchor });
  await services.start(['inspection'], {
    inspection: {
      RISK_RANDOM_RATE: '0',
      CLOCK_SPEED: String(CLOCK_SPEED),
      CLOCK_ANCHOR: anchor,
      CLOCK_EPOCH,
    },
  });
  api = new ApiClient(services.url('inspection'));
});

afterAll(async () => {
  await services.stopAll();
  await tap.stop();
});

describe('inspection', () => {
  it('assesses an ordinary declaration GREEN, opens no task and keeps the correlation', async () => {
    const correlationId = randomUUID();
    const ceId = await accept(
      { shipmentId: 'GREEN-0001', declarationId: 'DEC-GREEN-1' },
      randomUUID(),
      correlationId,
    );
    const assessed = await riskAssessedOf('DEC-GREEN-1');
    expect(assessed.key).toBe('GREEN-0001');
    expect(assessed.payload).toMatchObject({
      shipmentId: 'GREEN-0001',
      channel: 'GREEN',
      score: 0,
      taskId: '',
    });
    expect(assessed.headers).toMatchObject({
      ce_source: 'inspection',
      ce_subject: 'GREEN-0001',
      ce_correlationid: correlationId,
      ce_causationid: ceId,
    });

    const stored = await api.as(tokenFor('customs')).get('/v1/risk-assessments/green-0001');
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({
      channel: 'GREEN',
      declarationId: 'DEC-GREEN-1',
      assessmentId: assessed.payload.assessmentId,
    });
    const tasks = await api.as(tokenFor('ops')).get('/v1/inspection-tasks?shipmentId=GREEN-0001');
    expect(tasks.body.total).toBe(0);
  });

  it('opens a physical inspection for a high-risk origin that an officer passes exactly once', async () => {
    await accept({ shipmentId: 'RED-PASS-0001', declarationId: 'DEC-RED-PASS', origin: 'KP' });
    const assessed = await riskAssessedOf('DEC-RED-PASS');
    expect(assessed.payload).toMatchObject({ channel: 'RED', score: 80 });
    expect(assessed.payload.reasons[0]).toMatch(/high-risk country.*origin KP/);
    const taskId: string = assessed.payload.taskId;

    const task = await api.as(officer).get(`/v1/inspection-tasks/${taskId}`);
    expect(task.status).toBe(200);
    expect(task.body).toMatchObject({
      shipmentId: 'RED-PASS-0001',
      kind: 'physical-inspection',
      status: 'open',
      limitHours: 8,
    });
    expect(calendar.workingHoursBetween(new Date(task.body.openedAt), new Date(task.body.deadline))).toBe(8);

    expect(
      (
        await api
          .as(tokenFor('importer', 'TRADER-1'))
          .post(`/v1/inspection-tasks/${taskId}/result`, { result: 'passed' })
      ).status,
    ).toBe(403);
    const unexplained = await api
      .as(officer)
      .post(`/v1/inspection-tasks/${taskId}/result`, { result: 'failed' });
    expect(unexplained.status).toBe(422);
    expect(unexplained.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'findings' })]),
    );

    const passed = await api
      .as(officer)
      .post(`/v1/inspection-tasks/${taskId}/result`, { result: 'passed', findings: ['seals intact'] });
    expect(passed.status).toBe(200);
    expect(passed.body).toMatchObject({
      status: 'passed',
      officerId: 'OFFICER-1',
      findings: ['seals intact'],
    });

    const completed = await tap.waitFor(
      (m) => m.headers.ce_type === INSPECTION_COMPLETED && m.payload?.taskId === taskId,
    );
    expect(completed.payload).toMatchObject({
      shipmentId: 'RED-PASS-0001',
      declarationId: 'DEC-RED-PASS',
      result: 'passed',
      officerId: 'OFFICER-1',
    });
    expect(completed.headers).toMatchObject({
      ce_correlationid: assessed.headers.ce_correlationid,
      ce_causationid: assessed.headers.ce_id,
    });

    const again = await api
      .as(officer)
      .post(`/v1/inspection-tasks/${taskId}/result`, { result: 'failed', findings: ['changed my mind'] });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INSPECTION.TASK_CLOSED');

    const recorded = await decisionOf(taskId);
    expect(recorded.payload).toMatchObject({
      declarationId: 'DEC-RED-PASS',
      agency: 'inspection',
      step: 'physical-inspection',
      outcome: 'approved',
      decidedBy: 'OFFICER-1',
      limitHours: 8,
      traderWaitHours: 0,
      withinLimit: true,
      reasons: ['seals intact'],
    });
    expect(recorded.headers.ce_time).toBe(completed.headers.ce_time);

    const open = await api
      .as(tokenFor('ops'))
      .get('/v1/inspection-tasks?status=passed&shipmentId=RED-PASS-0001');
    expect(open.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
  });

  it("bills the importer's time to the importer: documents awaited stop the clock and leave the decision hours", async () => {
    // live animal products: a document check of 4 working hours
    await accept({ shipmentId: 'YELLOW-DOCS-0001', declarationId: 'DEC-YELLOW-DOCS', hsCode: '020130' });
    const taskId: string = (await riskAssessedOf('DEC-YELLOW-DOCS')).payload.taskId;
    const asked = await api.as(officer).post(`/v1/inspection-tasks/${taskId}/document-requests`, {
      documents: [{ code: 'HEALTH_CERTIFICATE', description: 'veterinary health certificate' }],
    });
    expect(asked.status).toBe(200);
    const requested = await tap.waitFor(
      (m) => m.headers.ce_type === DOCUMENTS_REQUESTED && m.payload?.taskId === taskId,
    );
    // the importer answers two business hours later (two real seconds)
    await new Promise((r) => setTimeout(r, 2_000));
    const submittedAt = clock.now().toISOString();
    await tap.publish(
      'DocumentsSubmitted',
      {
        shipmentId: 'YELLOW-DOCS-0001',
        declarationId: 'DEC-YELLOW-DOCS',
        importerId: 'TRADER-1',
        noticeId: 'NOTICE-1',
        documents: [
          {
            agency: 'inspection',
            requestId: requested.payload.requestId,
            code: 'HEALTH_CERTIFICATE',
            documentRef: 'DOC-1',
          },
        ],
      },
      { time: submittedAt },
    );
    const resumed = await eventually(async () => {
      const task = (await api.as(officer).get(`/v1/inspection-tasks/${taskId}`)).body;
      return task.status === 'open' ? task : undefined;
    });
    const requestedAt = new Date(requested.headers.ce_time);
    const traderWorked = calendar.workingHoursBetween(requestedAt, new Date(submittedAt));
    // the deadline moved by the working hours the importer took
    expect(calendar.workingHoursBetween(new Date(resumed.openedAt), new Date(resumed.deadline))).toBeCloseTo(
      4 + traderWorked,
      3,
    );

    await api.as(officer).post(`/v1/inspection-tasks/${taskId}/result`, { result: 'passed' });
    const recorded = await decisionOf(taskId);
    const decidedAt = new Date(recorded.headers.ce_time);
    expect(recorded.payload).toMatchObject({
      agency: 'inspection',
      step: 'document-check',
      withinLimit: true,
    });
    expect(recorded.payload.traderWaitHours).toBeCloseTo(
      (Date.parse(submittedAt) - +requestedAt) / 3_600_000,
      2,
    );
    expect(recorded.payload.decisionHours).toBeCloseTo(
      calendar.workingHoursBetween(new Date(resumed.openedAt), decidedAt) - traderWorked,
      2,
    );
  });

  it('deems an untouched physical inspection approved at its deadline, exactly once', async () => {
    await accept({ shipmentId: 'RED-IDLE-0001', declarationId: 'DEC-RED-IDLE', origin: 'SY' });
    const taskId: string = (await riskAssessedOf('DEC-RED-IDLE')).payload.taskId;
    const task = (await api.as(officer).get(`/v1/inspection-tasks/${taskId}`)).body;

    // 8 working hours are 24.5 business hours or more: as many real seconds at 3600x
    expect(calendar.workingHoursBetween(new Date(task.openedAt), new Date(task.deadline))).toBe(8);
    const deemed = await tap.waitFor(
      (m) => m.headers.ce_type === DEEMED_APPROVED && m.payload?.taskId === taskId,
      realWaitFor(task.deadline),
    );
    expect(deemed.payload).toMatchObject({
      shipmentId: 'RED-IDLE-0001',
      declarationId: 'DEC-RED-IDLE',
      deadline: task.deadline,
    });
    expect(deemed.payload.reason).toBe('no decision within the 8-hour time limit');
    expect(Date.parse(deemed.headers.ce_time)).toBeGreaterThanOrEqual(Date.parse(task.deadline));

    const late = await api.as(officer).post(`/v1/inspection-tasks/${taskId}/result`, { result: 'passed' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('INSPECTION.TASK_CLOSED');
    expect((await api.as(officer).get(`/v1/inspection-tasks/${taskId}`)).body.status).toBe('deemed-approved');

    expect((await decisionOf(taskId)).payload).toMatchObject({
      agency: 'inspection',
      step: 'physical-inspection',
      outcome: 'deemed-approved',
      decidedBy: 'tacit-approval',
      decisionHours: 8,
      withinLimit: false,
    });
    await new Promise((r) => setTimeout(r, 2_000));
    expect(tap.ofType(DEEMED_APPROVED, 'RED-IDLE-0001')).toHaveLength(1);
    expect(tap.ofType(DECISION_RECORDED, 'RED-IDLE-0001')).toHaveLength(1);
  });

  it('creates nothing twice when DeclarationAccepted is delivered again', async () => {
    const declaration = { shipmentId: 'RED-AGAIN-0001', declarationId: 'DEC-RED-AGAIN', origin: 'IR' };
    const ceId = await accept(declaration);
    const first = await riskAssessedOf('DEC-RED-AGAIN');
    await accept(declaration, ceId); // the same message again (the inbox drops it)
    await accept(declaration); // the same declaration under a new ce_id (the handler itself must be idempotent)
    // a later declaration of the same shipment travels on the same partition: once it is assessed, so are the copies
    await accept({ shipmentId: 'RED-AGAIN-0001', declarationId: 'DEC-RED-AGAIN-2' });
    await riskAssessedOf('DEC-RED-AGAIN-2');

    expect(
      tap.messages.filter(
        (m) => m.headers.ce_type === RISK_ASSESSED && m.payload?.declarationId === 'DEC-RED-AGAIN',
      ),
    ).toHaveLength(1);
    const tasks = await api.as(officer).get('/v1/inspection-tasks?shipmentId=RED-AGAIN-0001');
    expect(tasks.body.total).toBe(1);
    expect(tasks.body.items[0].id).toBe(first.payload.taskId);
  });

  it('keeps a deadline through a crash: the restarted service deems the task approved once', async () => {
    await accept({ shipmentId: 'RED-CRASH-0001', declarationId: 'DEC-RED-CRASH', origin: 'AF' });
    const taskId: string = (await riskAssessedOf('DEC-RED-CRASH')).payload.taskId;
    const { deadline } = (await api.as(officer).get(`/v1/inspection-tasks/${taskId}`)).body;
    await services.restart('inspection', 'SIGKILL');

    await tap.waitFor(
      (m) => m.headers.ce_type === DEEMED_APPROVED && m.payload?.taskId === taskId,
      realWaitFor(deadline) + 20_000,
    );
    await new Promise((r) => setTimeout(r, 2_000));
    expect(tap.ofType(DEEMED_APPROVED, 'RED-CRASH-0001')).toHaveLength(1);
    expect((await api.as(officer).get(`/v1/inspection-tasks/${taskId}`)).body.status).toBe('deemed-approved');
  });
});
