import type { EventName } from '@tongguan/contracts';
import mongoose, { type Connection, type Schema } from 'mongoose';
import { stageTimesFrom, stageTimesFromSamples } from '../src/prediction/completion-prediction';
import { namedEvent } from '../src/testing/named-events';
import { IN_FLIGHT_SHIPMENT, InFlightShipmentSchema } from '../src/timelines/in-flight-shipment.schema';
import { RECENT_RELEASE, RecentReleaseSchema } from '../src/timelines/recent-release.schema';
import { applyEvent, type FoldedEvent } from '../src/timelines/timeline';
import { TimelineRepository } from '../src/timelines/timeline.repository';
import { Timeline, TimelineSchema } from '../src/timelines/timeline.schema';
import { WorkingSetsRepository } from '../src/timelines/working-sets.repository';

/**
 * The working sets the monitor's periodic jobs read instead of every timeline (the shipments in
 * flight, the window of recent releases), against the real Mongo-wire server: kept by the fold,
 * cleaned by their readers, and rebuilt from the timelines after a restart when an entry is lost.
 */
const runId = process.env.TEST_RUN_ID ?? `r${Date.now().toString(36)}`;
const dbName = `test_${runId}_monitorworkingsets`;
const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();

let connection: Connection;
const entriesOf = (collection: string) => connection.db!.collection<{ _id: string }>(collection);
let inFlightEntries: ReturnType<typeof entriesOf>;
let releaseEntries: ReturnType<typeof entriesOf>;

/** A repository as a freshly started process has it: its first reads rebuild the working sets. */
async function startedRepository(): Promise<TimelineRepository> {
  const model = (name: string, schema: Schema): never => connection.model(name, schema) as never;
  const sets = new WorkingSetsRepository(
    model(IN_FLIGHT_SHIPMENT, InFlightShipmentSchema),
    model(RECENT_RELEASE, RecentReleaseSchema),
  );
  const timelines = new TimelineRepository(model(Timeline.name, TimelineSchema), sets);
  await sets.onModuleInit();
  await timelines.onModuleInit();
  return timelines;
}

type Step = [EventName, number, Record<string, unknown>?];
/** A GREEN shipment's whole flow, hours after T0. */
const CLEARED: Step[] = [
  ['CargoArrived', 0],
  ['DeclarationLodged', 1, { declarationId: 'd', importerId: 'T1', greenChannel: false }],
  ['DeclarationAccepted', 1, { declarationId: 'd' }],
  ['RiskAssessed', 1.5, { declarationId: 'd', channel: 'GREEN' }],
  ['PaymentSettled', 3],
  ['ShipmentReleased', 4, { declarationId: 'd' }],
];

async function fold(timelines: TimelineRepository, shipmentId: string, steps: Step[], shift = 0) {
  for (const [name, hours, payload] of steps) {
    const event = namedEvent(name, at(hours + shift), payload as never, {
      subject: shipmentId,
    }) as FoldedEvent;
    await timelines.fold(shipmentId, (facts) => applyEvent(facts, event));
  }
}

beforeAll(async () => {
  const uri = process.env.MONGO_URI;
  if (!uri) throw new Error('MONGO_URI unset: run through jest (its global setup provides it)');
  connection = await mongoose.createConnection(uri, { dbName, retryWrites: false }).asPromise();
  inFlightEntries = entriesOf('in_flight_shipments');
  releaseEntries = entriesOf('recent_releases');
});

afterAll(async () => {
  try {
    await connection?.dropDatabase();
  } finally {
    await connection?.close();
  }
});

describe('the shipments in flight', () => {
  it('are entered at arrival and left at release, and read with their timelines, oldest first', async () => {
    const timelines = await startedRepository();
    await fold(timelines, 'LATE', CLEARED.slice(0, 2), 2);
    await fold(timelines, 'EARLY', CLEARED.slice(0, 3));
    await fold(timelines, 'NOT-ARRIVED', CLEARED.slice(1, 3));
    expect(await inFlightEntries.countDocuments()).toBe(2);

    const flying = await timelines.inFlight(100);
    expect(flying.map((t) => t._id)).toEqual(['EARLY', 'LATE']);
    expect(flying[0]).toMatchObject({ stamps: { arrival: at(0), accepted: at(1) }, withdrawn: false });

    await fold(timelines, 'EARLY', CLEARED.slice(3));
    expect(await inFlightEntries.findOne({ _id: 'EARLY' })).toBeNull();
    expect((await timelines.inFlight(100)).map((t) => t._id)).toEqual(['LATE']);
  });

  it('are rebuilt from the timelines after a restart when an entry was lost, and stale entries go', async () => {
    const before = await startedRepository();
    await before.inFlight(100);
    await fold(before, 'LOST', CLEARED.slice(0, 2), 1);
    await fold(before, 'STALE', CLEARED);
    // a crash, a store edit, or timelines stored before the set existed: one entry missing, one too many
    await inFlightEntries.deleteOne({ _id: 'LOST' });
    await inFlightEntries.insertOne({
      _id: 'STALE',
      n: 1,
      arrivedAt: new Date(at(0)),
      at: new Date(),
    } as never);
    // the running process misses the lost one until it restarts, and drops the stale one at once
    expect((await before.inFlight(100)).map((t) => t._id)).toEqual(['LATE']);
    expect(await inFlightEntries.findOne({ _id: 'STALE' })).toBeNull();

    const after = await startedRepository();
    expect((await after.inFlight(100)).map((t) => t._id)).toEqual(['LOST', 'LATE']);
    expect(await inFlightEntries.findOne({ _id: 'LOST' })).not.toBeNull();
  });
});

describe('the window of recent releases', () => {
  it('holds the stage hours of each release, exactly as the released timelines give them', async () => {
    const timelines = await startedRepository();
    for (let i = 0; i < 6; i++) await fold(timelines, `REL-${i}`, CLEARED, i);
    const since = new Date(at(-24));
    const window = await timelines.releasedSince(since, 100);
    const released = await connection
      .db!.collection('timelines')
      .find({ releasedAt: { $exists: true } })
      .toArray();
    expect(window).toHaveLength(released.length);
    expect(stageTimesFromSamples(window, 20)).toEqual(stageTimesFrom(released as never, 20));
    expect(await releaseEntries.findOne({ _id: 'REL-0' })).toMatchObject({
      channel: 'GREEN',
      hours: { filing: 1, risk: 0.5, payment: 2, release: 1 },
    });
  });

  it('keeps the latest releases within the window and removes the rest as it reads', async () => {
    const timelines = await startedRepository();
    const window = await timelines.releasedSince(new Date(at(3)), 3);
    expect(window.map((r) => r._id)).toEqual(['REL-5', 'REL-4', 'REL-3']);
    expect(await releaseEntries.countDocuments()).toBe(3);
  });

  it('is rebuilt from the released timelines after a restart', async () => {
    await releaseEntries.deleteMany({});
    const timelines = await startedRepository();
    const window = await timelines.releasedSince(new Date(at(-24)), 100);
    expect(window.map((r) => r._id).sort()).toEqual([
      'EARLY',
      ...[0, 1, 2, 3, 4, 5].map((i) => `REL-${i}`),
      'STALE',
    ]);
  });
});
