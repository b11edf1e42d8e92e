import type { CloudEvent } from '@tongguan/contracts';
import mongoose, { type Connection } from 'mongoose';
import { EventLogRepository } from '../src/feeds/event-log/event-log.repository';
import { LoggedEvent, LoggedEventSchema } from '../src/feeds/event-log/logged-event.schema';

/**
 * The feed log's promise under load: two port-exchange instances (each its own connection pool)
 * appending at once, with group commit and redeliveries, log every event exactly once under seqs
 * 1..n without a gap, and each instance's appends resolve only once durable.
 */
const runId = process.env.TEST_RUN_ID ?? `r${Date.now().toString(36)}`;
const dbName = `test_${runId}_eventlogappend`;

const event = (n: number): CloudEvent => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type: 'cn.tongguan.port.ContainerDischarged.v1',
  source: 'tongguan/port-exchange',
  time: new Date(Date.UTC(2026, 11, 5, 8, 0, n % 60)).toISOString(),
  subject: `BL${n % 37}`,
  correlationId: `c-${n}`,
  causationId: `c-${n}`,
  payload: { shipmentId: `BL${n % 37}`, n },
});

describe('the feed log under two appending instances', () => {
  let connections: Connection[];
  let logs: EventLogRepository[];

  beforeAll(async () => {
    const uri = process.env.MONGO_URI;
    if (!uri) throw new Error('MONGO_URI unset: run through jest (its global setup provides it)');
    connections = await Promise.all(
      [0, 1].map(() =>
        mongoose.createConnection(uri, { dbName, maxPoolSize: 8, retryWrites: false }).asPromise(),
      ),
    );
    const models = connections.map((c) => c.model(LoggedEvent.name, LoggedEventSchema));
    // one instance creates the collection and its indexes first (concurrent creation trips the store)
    await models[0].init();
    await models[1].init();
    logs = models.map((model) => new EventLogRepository(model));
  });

  afterAll(async () => {
    try {
      await connections[0]?.dropDatabase();
    } finally {
      await Promise.all(connections.map((c) => c.close()));
    }
  });

  it('logs 600 events, a third of them delivered to both instances, once each under seqs 1..n', async () => {
    const events = Array.from({ length: 600 }, (_, i) => event(i + 1));
    // each instance gets its half, plus every third event of the other's half (a redelivery after a rebalance)
    const shares = [0, 1].map((instance) => events.filter((_, i) => i % 2 === instance || i % 3 === 0));
    await Promise.all(
      shares.map((share, instance) =>
        // appends from several partitions at once: they overlap in flight and go in group commits
        Promise.all(share.map((e) => logs[instance].append(e))),
      ),
    );
    const stored = await connections[0]
      .collection<{ _id: string; seq: number }>('feed_events')
      .find({}, { projection: { _id: 1, seq: 1 } })
      .toArray();
    expect(stored).toHaveLength(600);
    expect(new Set(stored.map((d) => d._id)).size).toBe(600);
    const seqs = stored.map((d) => d.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
    expect(await logs[1].headSeq()).toBe(600);
    // appending an event already in changes nothing
    await logs[0].append(events[10]);
    expect(await connections[0].collection('feed_events').countDocuments()).toBe(600);
  });
});
