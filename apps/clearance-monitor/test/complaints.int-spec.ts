import { readAgencyRegistry } from '@tongguan/agencies';
import { signToken, TOKEN_ISSUER } from '@tongguan/auth';
import { Clock, HOUR_MS } from '@tongguan/clock';
import { Events } from '@tongguan/contracts';
import {
  ApiClient,
  EventTap,
  eventually,
  ServiceProcesses,
  TEST_JWT_SECRET,
  testEnvironment,
  tokenFor,
} from '@tongguan/testing';
import { pipelineEvents, publishAll } from './monitor.fixtures';

/**
 * The complaint centre on two monitor instances sharing one store, on an accelerated clock (one real
 * second is two business hours) that starts on a Monday morning in Beijing, so that limits counted
 * on the agencies' working calendars span nights and weekends within seconds.
 */
const CLOCK_SPEED = 7200;
const CLOCK_EPOCH = '2026-03-09T01:00:00.000Z';
const ESCALATED = Events.ComplaintEscalated.type;
const SHIPMENT = 'CMPLSHIP1';
/** The importer of SHIPMENT in the fixtures' events. */
const IMPORTER = 'TRADER-MON';

const env = testEnvironment('complaints');
const instances = [new ServiceProcesses(env), new ServiceProcesses(env)];
const tap = new EventTap(process.env.KAFKA_BROKERS!, env.TOPIC_PREFIX);
const registry = readAgencyRegistry({});
let apis: ApiClient[];
let clock: Clock;

/** A supervisor of the agency: one person (subject) among the agency's supervisors (party). */
const supervisor = (agency: string, person: string) =>
  signToken({ role: 'supervisor', party: agency, subject: person }, TEST_JWT_SECRET, TOKEN_ISSUER);

const complaintAbout = (agency: string, step?: string) => ({
  shipmentId: SHIPMENT,
  agency,
  ...(step ? { step } : {}),
  subject: `${agency} is slow`,
  text: `Nothing has moved at ${agency} for days; please look into it.`,
});

beforeAll(async () => {
  await tap.start(['declaration.events.v1', 'clearance.alerts.v1']);
  const anchor = new Date().toISOString();
  clock = new Clock({ epoch: CLOCK_EPOCH, speed: CLOCK_SPEED, anchor });
  const settings = {
    CLOCK_EPOCH,
    CLOCK_SPEED: String(CLOCK_SPEED),
    CLOCK_ANCHOR: anchor,
    COMPLAINT_SWEEP_MS: '200',
  };
  await Promise.all(instances.map((i) => i.start(['clearance-monitor'], { 'clearance-monitor': settings })));
  apis = instances.map((instance) => new ApiClient(instance.url('clearance-monitor')));
  await publishAll(tap, pipelineEvents(SHIPMENT, { lodged: clock.now().toISOString() }));
  await eventually(
    async () => (await apis[0].as(tokenFor('ops')).get(`/v1/shipments/${SHIPMENT}/audit`)).status === 200,
    30_000,
    `${SHIPMENT} lodged on the audit trail`,
  );
});

afterAll(async () => {
  await tap.stop();
  await Promise.all(instances.map((instance) => instance.stopAll()));
});

describe('the complaint centre', () => {
  let licensingComplaint: string;

  it("files an importer's complaint about its own shipment with the agency's limit on its calendar; another's or an unknown shipment is a 404, an unknown agency or step a 422", async () => {
    const importer = apis[0].as(tokenFor('importer', IMPORTER));
    const unknown = await importer.post('/v1/complaints', complaintAbout('harbour-police', 'no-such-step'));
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['agency', 'AGENCY_UNKNOWN'],
      ['step', 'STEP_UNKNOWN'],
    ]);
    const wrongStep = await importer.post(
      '/v1/complaints',
      complaintAbout('licensing', 'physical-inspection'),
    );
    expect(wrongStep.status).toBe(422);
    expect(wrongStep.body.errors).toEqual([expect.objectContaining({ path: 'step', code: 'STEP_UNKNOWN' })]);
    const tooLong = await importer.post('/v1/complaints', {
      ...complaintAbout('licensing'),
      text: 'x'.repeat(4001),
    });
    expect(tooLong.status).toBe(422);

    const other = apis[1].as(tokenFor('importer', 'TRADER-OTHER'));
    expect((await other.post('/v1/complaints', complaintAbout('licensing'))).status).toBe(404);
    const nowhere = await importer.post('/v1/complaints', {
      ...complaintAbout('licensing'),
      shipmentId: 'CMPLNOWHERE1',
    });
    expect(nowhere.status).toBe(404);

    const filed = await importer.post('/v1/complaints', complaintAbout('licensing', 'licence-verification'));
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({
      shipmentId: SHIPMENT,
      importerId: IMPORTER,
      agency: 'licensing',
      step: 'licence-verification',
      status: 'filed',
      escalated: false,
      ownerId: null,
      limitHours: 16,
    });
    const filedAt = new Date(filed.body.filedAt);
    expect(filed.body.dueAt).toBe(
      registry.calendarOf('licensing').addWorkingHours(filedAt, 16).toISOString(),
    );
    licensingComplaint = filed.body.id;

    // the importer and the agency's supervisors see it; another importer and another agency do not
    const mine = await apis[1].as(tokenFor('importer', IMPORTER)).get('/v1/complaints');
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([licensingComplaint]);
    expect((await other.get('/v1/complaints')).body.total).toBe(0);
    expect((await other.get(`/v1/complaints/${licensingComplaint}`)).status).toBe(404);
    const customs = apis[0].as(supervisor('customs', 'zhao'));
    expect((await customs.get('/v1/complaints')).body.total).toBe(0);
    expect((await customs.get(`/v1/complaints/${licensingComplaint}`)).status).toBe(404);
    const licensing = await apis[0].as(supervisor('licensing', 'wang')).get('/v1/complaints?status=filed');
    expect(licensing.body).toMatchObject({ total: 1, items: [{ id: licensingComplaint, status: 'filed' }] });
    expect((await apis[0].as(tokenFor('ops')).get('/v1/complaints?status=bogus')).status).toBe(400);
  });

  it('gives the complaint to exactly one of two supervisors racing to take it; only the owner answers, every move on the record', async () => {
    const wang = supervisor('licensing', 'wang');
    const li = supervisor('licensing', 'li');
    const [byWang, byLi] = await Promise.all([
      apis[0].as(wang).post(`/v1/complaints/${licensingComplaint}/take`),
      apis[1].as(li).post(`/v1/complaints/${licensingComplaint}/take`),
    ]);
    expect([byWang.status, byLi.status].sort()).toEqual([200, 409]);
    const [winner, loser] = byWang.status === 200 ? [wang, li] : [li, wang];
    const owner = byWang.status === 200 ? 'wang' : 'li';
    const refused = byWang.status === 409 ? byWang : byLi;
    expect(refused.body).toMatchObject({
      code: 'COMPLAINT.ALREADY_OWNED',
      message: `the complaint is owned by supervisor ${owner}`,
    });
    // another agency's supervisor cannot see it, let alone take it
    expect(
      (await apis[0].as(supervisor('customs', 'zhao')).post(`/v1/complaints/${licensingComplaint}/take`))
        .status,
    ).toBe(404);

    const notOwner = await apis[0]
      .as(loser)
      .post(`/v1/complaints/${licensingComplaint}/answer`, { answer: 'Me neither.' });
    expect(notOwner.status).toBe(409);
    expect(notOwner.body.code).toBe('COMPLAINT.NOT_OWNER');
    const answered = await apis[1].as(winner).post(`/v1/complaints/${licensingComplaint}/answer`, {
      answer: 'The licence was verified this morning.',
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', ownerId: owner, escalated: false });

    // not satisfied: reopened once, back to its owner, answered again; a second reopening is refused
    const importer = apis[0].as(tokenFor('importer', IMPORTER));
    const reopened = await importer.post(`/v1/complaints/${licensingComplaint}/reopen`, {
      reason: 'The licence still shows as unverified.',
    });
    expect(reopened.body).toMatchObject({ status: 'taken', ownerId: owner, answer: null });
    expect(
      (
        await apis[0]
          .as(winner)
          .post(`/v1/complaints/${licensingComplaint}/answer`, { answer: 'Fixed the record.' })
      ).status,
    ).toBe(200);
    const again = await importer.post(`/v1/complaints/${licensingComplaint}/reopen`, {
      reason: 'Still wrong.',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('COMPLAINT.ALREADY_REOPENED');

    const record = await importer.get(`/v1/complaints/${licensingComplaint}`);
    expect(
      record.body.history.map((m: { move: string; by: string; role: string }) => [m.move, m.by, m.role]),
    ).toEqual([
      ['filed', IMPORTER, 'importer'],
      ['taken', owner, 'supervisor'],
      ['answered', owner, 'supervisor'],
      ['reopened', IMPORTER, 'importer'],
      ['answered', owner, 'supervisor'],
    ]);
    expect(record.body.history[2].why).toBe('The licence was verified this morning.');
  });

  it("escalates a complaint left unanswered past its limit on the agency's calendar once across two instances, with exactly one ComplaintEscalated on Kafka", async () => {
    const importer = apis[1].as(tokenFor('importer', IMPORTER));
    const filed = await importer.post('/v1/complaints', complaintAbout('customs', 'acceptance-review'));
    expect(filed.status).toBe(201);
    const id: string = filed.body.id;
    const filedAt = new Date(filed.body.filedAt);
    const dueAt = new Date(filed.body.dueAt);
    // 8 working hours of customs' 5+1 calendar (7.5 a day) span at least one night: more than 8 elapsed
    expect(dueAt.toISOString()).toBe(
      registry.calendarOf('customs').addWorkingHours(filedAt, 8).toISOString(),
    );
    expect(dueAt.getTime() - filedAt.getTime()).toBeGreaterThan(16 * HOUR_MS);

    const waitMs = clock.realDelayUntil(dueAt.getTime()) + 30_000;
    const escalated = await tap.waitFor(
      (m) => m.headers.ce_type === ESCALATED && m.payload?.complaintId === id,
      waitMs,
      'ComplaintEscalated',
    );
    expect(escalated.key).toBe(SHIPMENT);
    expect(escalated.payload).toEqual({
      shipmentId: SHIPMENT,
      complaintId: id,
      agency: 'customs',
      step: 'acceptance-review',
      importerId: IMPORTER,
      filedAt: filedAt.toISOString(),
      dueAt: dueAt.toISOString(),
    });
    // escalated once its limit had passed, not before
    expect(Date.parse(escalated.headers.ce_time)).toBeGreaterThanOrEqual(dueAt.getTime());

    const ops = apis[0].as(tokenFor('ops'));
    const list = await ops.get('/v1/complaints?status=escalated');
    expect(list.body).toMatchObject({
      total: 1,
      items: [{ id, agency: 'customs', escalated: true, status: 'filed' }],
    });

    // escalated, it can still be taken and answered, and stays marked escalated
    const zhao = apis[1].as(supervisor('customs', 'zhao'));
    expect((await zhao.post(`/v1/complaints/${id}/take`)).status).toBe(200);
    const answered = await zhao.post(`/v1/complaints/${id}/answer`, {
      answer: 'Reviewed and accepted; sorry.',
    });
    expect(answered.body).toMatchObject({ status: 'answered', escalated: true, ownerId: 'zhao' });
    expect(answered.body.history.map((m: { move: string; by: string }) => [m.move, m.by])).toEqual([
      ['filed', IMPORTER],
      ['escalated', 'clearance-monitor'],
      ['taken', 'zhao'],
      ['answered', 'zhao'],
    ]);

    // many sweeps of both instances later, still one escalation (two relays may send one staged
    // event twice, under its one ce_id, which consumers drop)
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect([...new Set(tap.ofType(ESCALATED).map((m) => m.headers.ce_id))]).toHaveLength(1);
  });
});
