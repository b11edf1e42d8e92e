import { getConnectionToken } from '@nestjs/mongoose';
import { Test, type TestingModule } from '@nestjs/testing';
import { ConfigModule, loadServiceConfig } from '@tongguan/config';
import type { Connection } from 'mongoose';
import { type Counter, register } from 'prom-client';
import { PersistenceModule } from '../src/persistence.module';

/**
 * The store commands a service sends are counted by name on /metrics (the benchmark divides them by
 * the shipments released); the driver's handshakes and pings are not work and are left out.
 */
const runId = process.env.TEST_RUN_ID ?? `r${Date.now().toString(36)}`;

async function commandCounts(): Promise<Record<string, number>> {
  const counter = register.getSingleMetric('tongguan_store_commands_total') as Counter | undefined;
  const { values } = (await counter?.get()) ?? { values: [] };
  return Object.fromEntries(values.map((v) => [String(v.labels.command), v.value]));
}

describe('tongguan_store_commands_total', () => {
  let moduleRef: TestingModule;
  let connection: Connection;

  beforeAll(async () => {
    const config = loadServiceConfig('declaration', 3001, {
      ...process.env,
      MONGO_DB_PREFIX: `test_${runId}_storemetrics_`,
    });
    moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forService(config), PersistenceModule.forService(config)],
    }).compile();
    connection = moduleRef.get<Connection>(getConnectionToken());
  });

  afterAll(async () => {
    try {
      await connection?.dropDatabase();
    } finally {
      await moduleRef?.close();
    }
  });

  it("counts a service connection's insert, find and update by command name, and not its pings", async () => {
    const before = await commandCounts();
    const docs = connection.collection<{ _id: string; n: number }>('counted');
    await docs.insertOne({ _id: 'a', n: 0 });
    await docs.findOne({ _id: 'a' });
    await docs.updateOne({ _id: 'a' }, { $inc: { n: 1 } });
    await docs.updateOne({ _id: 'a' }, { $inc: { n: 1 } });
    await connection.db!.admin().ping();
    const after = await commandCounts();
    const delta = (command: string) => (after[command] ?? 0) - (before[command] ?? 0);
    expect({ insert: delta('insert'), find: delta('find'), update: delta('update') }).toEqual({
      insert: 1,
      find: 1,
      update: 2,
    });
    const handshakes = ['ping', 'hello', 'isMaster', 'ismaster', 'endSessions'];
    expect(Object.keys(after).filter((command) => handshakes.includes(command))).toEqual([]);
  });
});
