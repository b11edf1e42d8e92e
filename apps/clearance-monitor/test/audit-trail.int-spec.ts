import { MongooseModule } from '@nestjs/mongoose';
import { Test, type TestingModule } from '@nestjs/testing';
import { Events } from '@tongguan/contracts';
import {
  ApiClient,
  EventTap,
  eventually,
  ServiceProcesses,
  testEnvironment,
  tokenFor,
} from '@tongguan/testing';
import mongoose from 'mongoose';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { GENESIS_HASH, verifyChain } from '../src/audit/audit-chain';
import { AuditTrail, AuditTrailSchema } from '../src/audit/audit-trail.schema';
import { AuditTrailRepository } from '../src/audit/audit-trail.repository';
import { hoursAfter } from '../src/testing/worked-example';
import { pipelineEvents, publishAll, type PipelineEvent } from './monitor.fixtures';

/**
 * The audit trail on a running monitor: whose it is after a B/L changes hands, that its hash chain
 * survives racing appends, and that the verify command finds an entry changed in the store.
 */
const env = testEnvironment('audittrail');
const processes = new ServiceProcesses(env);
const tap = new EventTap(process.env.KAFKA_BROKERS!, env.TOPIC_PREFIX);
const monitorDb = `${env.MONGO_DB_PREFIX}clearance_monitor`;
let api: ApiClient;

const BL = 'AUDREFILE1';
const T0 = '2026-03-02T08:00:00.000Z';
const at = (hours: number) => hoursAfter(T0, hours);
const A = { shipmentId: BL, declarationId: 'D-AUD-A', importerId: 'TRADER-A' };
const B = { shipmentId: BL, declarationId: 'D-AUD-B', importerId: 'TRADER-B' };

/** Trader A files, is assessed and risk-checked, withdraws; trader B files for the same B/L and pays. */
const refiled: PipelineEvent[] = [
  { name: 'DeclarationLodged', time: at(0), payload: { ...A, filerId: A.importerId, greenChannel: false } },
  ...pipelineEvents(BL, { arrival: at(1) }),
  {
    name: 'DutyAssessed',
    time: at(1.5),
    payload: {
      ...A,
      declarationVersion: 1,
      currency: 'CNY',
      dutyMinor: 1_000,
      vatMinor: 1_300,
      totalMinor: 2_300,
    },
  },
  {
    name: 'RiskAssessed',
    time: at(2),
    payload: {
      shipmentId: BL,
      declarationId: A.declarationId,
      assessmentId: 'RA-A',
      channel: 'GREEN',
      score: 5,
      reasons: [],
      taskId: '',
    },
  },
  { name: 'DeclarationWithdrawn', time: at(4), payload: { ...A, reason: 'sold the goods afloat' } },
  { name: 'DeclarationLodged', time: at(5), payload: { ...B, filerId: B.importerId, greenChannel: false } },
  {
    name: 'DutyAssessed',
    time: at(6),
    payload: {
      ...B,
      declarationVersion: 1,
      currency: 'CNY',
      dutyMinor: 9_000,
      vatMinor: 1_700,
      totalMinor: 10_700,
    },
  },
  {
    name: 'PaymentSettled',
    time: at(7),
    payload: {
      shipmentId: BL,
      paymentId: 'P-B',
      importerId: B.importerId,
      declarationId: B.declarationId,
      declarationVersion: 1,
      assessedMinor: 10_700,
      dutiesAndTaxesMinor: 10_700,
      currency: 'CNY',
      amountMinor: 10_700,
      method: 'gateway',
      receiptNumber: 'R-B',
    },
  },
  {
    name: 'GateInRecorded',
    time: at(9),
    payload: { shipmentId: BL, gateTransactionId: 'GI-B', truckPlate: 'LU-B77777' },
  },
];

const readAs = (role: 'ops' | 'importer', party: string) =>
  api.as(tokenFor(role, party)).get(`/v1/shipments/${BL}/audit`);
const kinds = (body: { entries: { type: string }[] }) => body.entries.map((e) => e.type.split('.')[2]);

function verify(...args: string[]) {
  const run = spawnSync(
    process.execPath,
    [path.join(__dirname, '..', '..', '..', 'scripts', 'audit-verify.js'), ...args],
    {
      env: { ...process.env, MONGO_URI: env.MONGO_URI, MONGO_DB_PREFIX: env.MONGO_DB_PREFIX },
      encoding: 'utf8',
    },
  );
  return { status: run.status, out: run.stdout + run.stderr };
}

beforeAll(async () => {
  await tap.start(['declaration.events.v1', 'port.events.v1', 'inspection.events.v1', 'logistics.events.v1']);
  await processes.start(['clearance-monitor']);
  api = new ApiClient(processes.url('clearance-monitor'));
  await publishAll(tap, refiled);
  await eventually(
    async () => (await readAs('ops', 'OPS-1')).body.entries?.length === refiled.length,
    60_000,
    'every decision on the trail',
  );
});

afterAll(async () => {
  await tap.stop();
  await processes.stopAll();
});

describe('whose audit trail it is after a B/L changes hands', () => {
  it('shows the new importer its own declaration on, and none of the first importer’s duties or checks', async () => {
    const answer = await readAs('importer', 'TRADER-B');
    expect(answer.status).toBe(200);
    expect(kinds(answer.body)).toEqual([
      'DeclarationLodged',
      'DutyAssessed',
      'PaymentSettled',
      'GateInRecorded',
    ]);
    expect(JSON.stringify(answer.body)).not.toContain('D-AUD-A');
  });

  it('no longer shows the first importer what happens under the new declaration', async () => {
    const answer = await readAs('importer', 'TRADER-A');
    expect(answer.status).toBe(200);
    expect(kinds(answer.body)).toEqual([
      'DeclarationLodged',
      'CargoArrived',
      'DutyAssessed',
      'RiskAssessed',
      'DeclarationWithdrawn',
    ]);
    expect(JSON.stringify(answer.body)).not.toMatch(/D-AUD-B|LU-B77777|R-B/);
  });

  it('keeps the whole trail for ops and nothing for an importer that never filed', async () => {
    expect(kinds((await readAs('ops', 'OPS-1')).body)).toHaveLength(refiled.length);
    const stranger = await readAs('importer', 'TRADER-C');
    expect(stranger.status).toBe(404);
  });
});

describe('the hash chain', () => {
  it('verifies clean, then reports the entry changed behind the service’s back', async () => {
    const clean = verify('--shipment', BL);
    expect(clean.out).toMatch(/1 shipments checked, 9 entries, 0 breaks/);
    expect(clean.status).toBe(0);

    const connection = await mongoose.createConnection(env.MONGO_URI, { dbName: monitorDb }).asPromise();
    try {
      // someone softens the first importer's duty in the store
      const trails = connection.db!.collection<{ _id: string }>('audit_trails');
      const trail = (await trails.findOne({ _id: BL }))! as unknown as { entries: { type: string }[] };
      const index = trail.entries.findIndex((e) => e.type === Events.DutyAssessed.type);
      await trails.updateOne({ _id: BL }, { $set: { [`entries.${index}.action`]: 'duty 0 assessed' } });

      const broken = verify('--shipment', BL);
      expect(broken.status).toBe(1);
      expect(broken.out).toContain(`BREAK ${BL} entry ${index} `);
      expect(broken.out).toMatch(/content changed/);
      expect(broken.out).toMatch(/1 shipments checked, 9 entries, 1 break\n/);
      // the walk over the whole store finds it too
      const all = verify();
      expect(all.status).toBe(1);
      expect(all.out).toContain(`BREAK ${BL} entry ${index} `);
    } finally {
      await connection.close();
    }
    expect(verify('--shipment', 'NOSUCHBL1').status).toBe(2);
  });

  it('does not fork when two instances append to one shipment at once', async () => {
    const dbName = `${env.MONGO_DB_PREFIX}audit_race`;
    const instance = () =>
      Test.createTestingModule({
        imports: [
          MongooseModule.forRoot(env.MONGO_URI, { dbName, maxPoolSize: 10 }),
          MongooseModule.forFeature([{ name: AuditTrail.name, schema: AuditTrailSchema }]),
        ],
        providers: [AuditTrailRepository],
      }).compile();
    const modules: TestingModule[] = await Promise.all([instance(), instance()]);
    try {
      await Promise.all(modules.map((m) => m.init()));
      const [one, two] = modules.map((m) => m.get(AuditTrailRepository));
      const record = (i: number) => ({
        eventId: `race-${i}`,
        at: new Date(Date.parse(T0) + i * 1000),
        service: 'inspection',
        type: Events.InspectionCompleted.type,
        actor: `OFFICER-${i}`,
        role: 'inspection',
        action: 'inspection passed',
        reasons: [],
      });
      const appends = Array.from({ length: 40 }, (_, i) => (i % 2 ? one : two).append('RACE0001', record(i)));
      // redeliveries racing with the first deliveries add nothing
      const redeliveries = Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? two : one).append('RACE0001', record(i)),
      );
      await Promise.all([...appends, ...redeliveries]);

      const trail = (await one.findById('RACE0001'))!;
      expect(trail.entries).toHaveLength(40);
      expect(new Set(trail.entries.map((e) => e.eventId)).size).toBe(40);
      expect(trail.entries[0].prevHash).toBe(GENESIS_HASH);
      expect(new Set(trail.entries.map((e) => e.prevHash)).size).toBe(40); // no two entries share a parent
      expect(verifyChain('RACE0001', trail.entries as unknown as Record<string, unknown>[])).toEqual([]);
    } finally {
      await Promise.all(modules.map((m) => m.close()));
    }
  });
});
