import { readAgencyRegistry } from '@tongguan/agencies';
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
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONSIGNEE, manifest } from './declaration.fixtures';

// The declaration service alone on a copy of the agency registry whose inquiry and notice limits differ
// from config/agencies.json, counted in elapsed hours (AGENCY_CALENDAR=continuous): the dueAt each
// shows moves with the file, and an inquiry of a 3.6-second limit is late by the time it is read.
const INQUIRY_LIMIT_HOURS = 0.001;
const NOTICE_LIMIT_HOURS = 5;
const HOUR_MS = 3_600_000;

const registryFile = path.join(os.tmpdir(), `time-limits-agencies-${process.pid}.json`);
const env = testEnvironment('declaration-time-limits', {
  AGENCY_REGISTRY_FILE: registryFile,
  AGENCY_CALENDAR: 'continuous',
});
const services = new ServiceProcesses(env);
const tap = new EventTap(process.env.KAFKA_BROKERS!, env.TOPIC_PREFIX);
let api: ApiClient;
const importer = tokenFor('importer', CONSIGNEE);
const customs = tokenFor('customs', 'CUSTOMS-3');

beforeAll(async () => {
  const data = structuredClone(readAgencyRegistry({}).data);
  const customsSteps = data.agencies.find((a) => a.id === 'customs')!.steps;
  customsSteps.find((s) => s.id === 'inquiry-answer')!.limitHours = INQUIRY_LIMIT_HOURS;
  customsSteps.find((s) => s.id === 'inquiry-answer')!.greenLimitHours = INQUIRY_LIMIT_HOURS;
  data.traderSteps.steps.find((s) => s.id === 'notice-answer')!.limitHours = NOTICE_LIMIT_HOURS;
  fs.writeFileSync(registryFile, JSON.stringify(data));
  await tap.start(['port.events.v1', 'declaration.events.v1']);
  await services.start(['declaration']);
  api = new ApiClient(services.url('declaration'));
});

afterAll(async () => {
  await services.stopAll();
  await tap.stop();
  fs.rmSync(registryFile, { force: true });
});

/** Manifest, filing right, lodgement of ordinary goods (accepted at once): the 201 body. */
async function lodge(bl: string) {
  await manifest(tap, bl);
  const filer = api.as(importer);
  await eventually(
    async () => (await filer.get(`/v1/filing-rights/${bl}`)).body?.mayDeclare === true,
    30_000,
    `the filing right for ${bl}`,
  );
  const lodged = await filer.post('/v1/declarations', declarationBody(bl));
  expect(lodged.status).toBe(201);
  return lodged.body as { id: string; shipmentId: string };
}

const hoursBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / HOUR_MS;

describe('time limits from the agency registry', () => {
  it("an inquiry is due at the registry's customs/inquiry-answer limit, listed overdue once past it, and answered late says so", async () => {
    const { shipmentId } = await lodge(uniqueBl('INQU'));
    const opened = await api.as(importer).post('/v1/inquiries', {
      shipmentId,
      question: 'When will the car be released?',
    });
    expect(opened.status).toBe(201);
    const { id, openedAt, dueAt } = opened.body;
    expect(opened.body).toMatchObject({ limitHours: INQUIRY_LIMIT_HOURS, overdue: false });
    expect(hoursBetween(openedAt, dueAt)).toBeCloseTo(INQUIRY_LIMIT_HOURS, 6);

    const late = await eventually(
      async () => {
        const listed = await api.as(customs).get('/v1/inquiries?overdue=true&pageSize=100');
        expect(listed.status).toBe(200);
        return listed.body.items.find((i: { id: string }) => i.id === id);
      },
      15_000,
      'the inquiry listed as overdue',
    );
    expect(late).toMatchObject({ status: 'open', overdue: true });
    const onTime = await api.as(customs).get(`/v1/inquiries?overdue=false&shipmentId=${shipmentId}`);
    expect(onTime.body.items).toEqual([]);

    await api.as(customs).post(`/v1/inquiries/${id}/claim`);
    const answered = await api.as(customs).post(`/v1/inquiries/${id}/answer`, {
      answer: 'once the duties are paid',
    });
    expect(answered.body).toMatchObject({ status: 'answered', overdue: false, withinLimit: false });
    expect(answered.body.answerHours).toBeCloseTo(hoursBetween(openedAt, answered.body.answeredAt), 3);
    const stillLate = await api.as(customs).get(`/v1/inquiries?overdue=true&shipmentId=${shipmentId}`);
    expect(stillLate.body.items).toEqual([]);
    expect((await api.as(customs).get('/v1/inquiries?overdue=maybe')).status).toBe(422);
  });

  it("a notice's answer is due at the registry's trader/notice-answer limit; the resubmission's time is the trader's", async () => {
    const { id } = await lodge(uniqueBl('NTCU'));
    const queried = await api.as(customs).post(`/v1/declarations/${id}/queries`, {
      documents: [{ code: 'COMMERCIAL_INVOICE', description: 'signed commercial invoice' }],
    });
    expect(queried.status).toBe(201);
    const notice = (await api.as(importer).get(`/v1/declarations/${id}/notice`)).body;
    expect(notice).toMatchObject({
      status: 'open',
      answerLimitHours: NOTICE_LIMIT_HOURS,
      answerOverdue: false,
    });
    expect(hoursBetween(notice.openedAt, notice.answerDueAt)).toBeCloseTo(NOTICE_LIMIT_HOURS, 6);

    const answered = await api.as(importer).post(`/v1/declarations/${id}/notice/responses`, {
      documents: [{ itemId: notice.items[0].itemId, documentRef: 'DOC-2026-000123' }],
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', answeredWithinLimit: true });
    expect(answered.body.traderHours).toBeCloseTo(hoursBetween(notice.openedAt, answered.body.answeredAt), 3);
  });
});
