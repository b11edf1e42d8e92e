import { readAgencyRegistry } from '@tongguan/agencies';
import { ApiClient, eventually, ServiceProcesses, testEnvironment, tokenFor } from '@tongguan/testing';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// port-exchange alone on a copy of the agency registry whose customs/hold limit is 3.6 seconds, counted
// in elapsed hours (AGENCY_CALENDAR=continuous): the reviewDueAt follows the file, and a hold is
// overdue by the time customs lists it.
const HOLD_LIMIT_HOURS = 0.001;
const registryFile = path.join(os.tmpdir(), `customs-holds-agencies-${process.pid}.json`);
const env = testEnvironment('customs-holds', {
  AGENCY_REGISTRY_FILE: registryFile,
  AGENCY_CALENDAR: 'continuous',
});
const processes = new ServiceProcesses(env);
let api: ApiClient;
const customs = () => api.as(tokenFor('customs', 'CUSTOMS-3'));

beforeAll(async () => {
  const data = structuredClone(readAgencyRegistry({}).data);
  const hold = data.agencies.find((a) => a.id === 'customs')!.steps.find((s) => s.id === 'hold')!;
  Object.assign(hold, { limitHours: HOLD_LIMIT_HOURS, greenLimitHours: HOLD_LIMIT_HOURS });
  fs.writeFileSync(registryFile, JSON.stringify(data));
  await processes.start(['port-exchange']);
  api = new ApiClient(processes.url('port-exchange'));
});

afterAll(async () => {
  await processes.stopAll();
  fs.rmSync(registryFile, { force: true });
});

describe('customs holds on their time limit', () => {
  it("a hold is due for review at the registry's customs/hold limit, listed overdue once past it, and a late lift says so", async () => {
    const bl = `TGHD${Date.now().toString(36).toUpperCase()}`;
    const placed = await customs().post('/v1/holds', { blNumber: bl, reason: 'suspected IPR infringement' });
    expect(placed.status).toBe(201);
    const { id, placedAt, reviewDueAt } = placed.body;
    expect(placed.body).toMatchObject({ reviewLimitHours: HOLD_LIMIT_HOURS, overdue: false });
    expect((Date.parse(reviewDueAt) - Date.parse(placedAt)) / 3_600_000).toBeCloseTo(HOLD_LIMIT_HOURS, 6);

    const late = await eventually(
      async () => {
        const listed = await api.as(tokenFor('ops')).get(`/v1/holds?overdue=true&blNumber=${bl}`);
        expect(listed.status).toBe(200);
        return listed.body.items.find((h: { id: string }) => h.id === id);
      },
      15_000,
      'the hold listed as overdue',
    );
    expect(late).toMatchObject({ status: 'active', overdue: true });
    expect((await customs().get(`/v1/holds?overdue=false&blNumber=${bl}`)).body.items).toEqual([]);

    const lifted = await customs().post(`/v1/holds/${id}/lift`, { reason: 'rights holder confirmed' });
    expect(lifted.status).toBe(200);
    expect(lifted.body).toMatchObject({ status: 'lifted', overdue: false, liftedWithinLimit: false });
    expect(lifted.body.reviewHours).toBeCloseTo(
      (Date.parse(lifted.body.liftedAt) - Date.parse(placedAt)) / 3_600_000,
      3,
    );
    expect((await customs().get(`/v1/holds?overdue=true&blNumber=${bl}`)).body.items).toEqual([]);
    expect((await customs().get('/v1/holds?overdue=yes')).status).toBe(422);
  });
});
