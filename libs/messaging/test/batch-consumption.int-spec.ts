import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Topics } from '@tongguan/contracts';
import { createKafka, defaultPartitioner } from '@tongguan/messaging';
import { EventTap, eventually, testEnvironment } from '@tongguan/testing';
import mongoose, { type Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { register } from 'prom-client';
import { handlerScript, startConsumerApp } from './support/consumer-app';
import { settlementMessage } from './support/payment-settled';

// The consumer takes a partition's messages as a batch: one inbox lookup and one inbox write for the
// batch, its messages handled one by one in order. Every test writes its messages to partition 0 in
// one request, so the consumer fetches them as one batch. Real broker, real store.

const env = testEnvironment('batchconsumption');
const GROUP = `${env.TOPIC_PREFIX}tongguan-declaration`;
const TOPIC = `${env.TOPIC_PREFIX}${Topics.logistics}`;
const tap = new EventTap(process.env.KAFKA_BROKERS!, env.TOPIC_PREFIX);
const kafka = createKafka('test-batch-consumption', process.env.KAFKA_BROKERS!.split(','));
const producer = kafka.producer({ createPartitioner: defaultPartitioner });
const admin = kafka.admin();
let app: INestApplication;
/** The inbox commands the consumer sent to the store (find, update, ...), in order. */
const inboxCommands: string[] = [];

type Message = ReturnType<typeof settlementMessage>;
const shipment = () => `BL-${randomUUID().slice(0, 8).toUpperCase()}`;

/** The consumer's app; its store client reports every command it sends (PersistenceModule turns that on). */
async function startWatchedConsumer(): Promise<INestApplication> {
  const started = await startConsumerApp(env);
  const client = started.get<Connection>(getConnectionToken()).getClient();
  client.on('commandStarted', (event) => {
    if (event.command[event.commandName] === 'inbox') inboxCommands.push(event.commandName);
  });
  return started;
}

/** Writes the messages to partition 0 in one request; the offset of the first. */
async function sendBatch(messages: Message[]): Promise<number> {
  const [written] = await producer.send({
    topic: TOPIC,
    messages: messages.map(({ key, value, headers }) => ({ key, value, headers, partition: 0 })),
  });
  return Number(written.baseOffset);
}

const appliedIds = (...shipmentIds: string[]) =>
  handlerScript.applied.filter((a) => shipmentIds.includes(a.shipmentId)).map((a) => a.id);

const store = () => app.get<Connection>(getConnectionToken());

/** How often the handler's effect was written for the event (2 would be a double application). */
async function applications(eventId: string): Promise<number> {
  const doc = await store()
    .collection<{ _id: string; applications: number }>('applied_events')
    .findOne({ _id: eventId });
  return doc?.applications ?? 0;
}

/** The events among these that the consumer group's inbox holds. */
async function inboxed(eventIds: string[]): Promise<string[]> {
  const docs = await store()
    .collection<{ _id: string }>('inbox')
    .find({ _id: { $in: eventIds.map((id) => `${GROUP}:${id}`) } })
    .toArray();
  return eventIds.filter((id) => docs.some((doc) => doc._id === `${GROUP}:${id}`));
}

/** The offset the group would start partition 0 from after a restart. */
async function committedOffset(): Promise<number> {
  const [{ partitions }] = await admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] });
  return Number(partitions.find((p) => p.partition === 0)!.offset);
}

async function metric(name: string, labels: Record<string, string> = {}): Promise<number> {
  const values = (await register.getSingleMetric(name)?.get())?.values ?? [];
  return values
    .filter((v) => Object.entries(labels).every(([k, value]) => v.labels[k] === value))
    .reduce((sum, v) => sum + v.value, 0);
}

const quietFor = (ms: number) => new Promise((r) => setTimeout(r, ms));
const deadLetters = (shipmentId: string) =>
  tap.messages.filter((m) => m.topic === `${Topics.logistics}.dlq` && m.key === shipmentId);
const networkError = () => new mongoose.mongo.MongoNetworkError('connection 7 to 127.0.0.1:27017 closed');

beforeAll(async () => {
  await tap.start([Topics.logistics, `${Topics.logistics}.dlq`]);
  await producer.connect();
  await admin.connect();
  app = await startWatchedConsumer();
});

afterAll(async () => {
  await producer.disconnect();
  await admin.disconnect();
  await tap.stop();
  await app?.close();
});

describe('a batch of events on one partition', () => {
  it('asks and tells the inbox once for the batch: 2 inbox commands for 100 events, not 200', async () => {
    const shipments = Array.from({ length: 10 }, shipment);
    const messages = Array.from({ length: 100 }, (_, i) =>
      settlementMessage(shipments[i % 10], { payload: { receiptNumber: `R-${i}` } }),
    );
    inboxCommands.length = 0;
    await sendBatch(messages);

    await eventually(() => appliedIds(...shipments).length === 100, 30_000, '100 events applied');
    await quietFor(500);
    expect(inboxCommands).toEqual(['find', 'update']);
    expect(appliedIds(...shipments)).toEqual(messages.map((m) => m.id));
    expect(await inboxed(messages.map((m) => m.id))).toHaveLength(100);
  });

  it('handles an event that comes twice in one batch once', async () => {
    const id = shipment();
    const first = settlementMessage(id);
    const second = settlementMessage(id, { payload: { receiptNumber: 'R-SECOND' } });
    const third = settlementMessage(id, { payload: { receiptNumber: 'R-THIRD' } });
    const duplicatesBefore = await metric('tongguan_events_duplicate_total');
    inboxCommands.length = 0;
    await sendBatch([first, second, first, third]);

    await eventually(() => appliedIds(id).length === 3, 30_000, 'three events applied');
    await quietFor(500);
    expect(appliedIds(id)).toEqual([first.id, second.id, third.id]);
    expect(await applications(first.id)).toBe(1);
    expect(await metric('tongguan_events_duplicate_total')).toBe(duplicatesBefore + 1);
    expect(inboxCommands).toEqual(['find', 'update']);
    expect(await inboxed([first.id, second.id, third.id])).toEqual([first.id, second.id, third.id]);
  });

  it('dead-letters the poison messages in the middle of a batch and handles the others in order', async () => {
    const [a, rejected, b, malformed, c] = Array.from({ length: 5 }, shipment);
    handlerScript.failFor(rejected, 3, () => new Error('tariff line 9999 unknown'));
    const messages = [
      settlementMessage(a),
      settlementMessage(rejected),
      settlementMessage(b),
      settlementMessage(malformed, { value: '{"shipmentId": ' }),
      settlementMessage(c),
    ];
    await sendBatch(messages);

    const byHandler = await tap.waitFor((m) => deadLetters(rejected).includes(m), 30_000, 'rejected on DLQ');
    const byPayload = await tap.waitFor(
      (m) => deadLetters(malformed).includes(m),
      30_000,
      'malformed on DLQ',
    );
    expect(byHandler.headers).toMatchObject({ dlq_reason: 'HANDLER_FAILED', ce_id: messages[1].id });
    expect(byPayload.headers).toMatchObject({ dlq_reason: 'PAYLOAD_INVALID', ce_id: messages[3].id });
    await eventually(() => appliedIds(c).length === 1, 30_000, 'the last event applied');
    expect(appliedIds(a, rejected, b, malformed, c)).toEqual([
      messages[0].id,
      messages[2].id,
      messages[4].id,
    ]);
    const ids = messages.map((m) => m.id);
    expect(await inboxed(ids)).toEqual([ids[0], ids[2], ids[4]]);
  });

  it('holds the batch at an event whose store is unavailable, commits nothing past the inbox, then applies every event once', async () => {
    const [a, held] = [shipment(), shipment()];
    handlerScript.failFor(held, 4, networkError); // waits of 200, 400, 800 and 1,600 ms
    const messages = [settlementMessage(a), settlementMessage(held), settlementMessage(a)];
    const waitsBefore = await metric('tongguan_events_retry_waits_total', { topic: Topics.logistics });
    const offset = await sendBatch(messages);

    // while the batch is held: the event before is applied, but neither in the inbox nor committed
    await eventually(() => handlerScript.failuresLeft.get(held)! <= 2, 30_000, 'the held event retried');
    expect(appliedIds(a)).toEqual([messages[0].id]);
    expect(await inboxed([messages[0].id])).toEqual([]);
    expect(await committedOffset()).toBeLessThanOrEqual(offset);

    await eventually(() => appliedIds(a, held).length === 3, 30_000, 'every event applied');
    expect(appliedIds(a, held)).toEqual(messages.map((m) => m.id));
    for (const { id } of messages) expect(await applications(id)).toBe(1);
    expect(await inboxed(messages.map((m) => m.id))).toHaveLength(3);
    await eventually(async () => (await committedOffset()) === offset + 3, 10_000, 'the batch committed');
    expect(
      await metric('tongguan_events_retry_waits_total', { topic: Topics.logistics }),
    ).toBeGreaterThanOrEqual(waitsBefore + 4);
    expect(deadLetters(a).concat(deadLetters(held))).toEqual([]);
  });

  it('stopped while holding a batch, commits no offset past an event the inbox lacks: the next consumer handles it again, harmlessly', async () => {
    const [a, held] = [shipment(), shipment()];
    handlerScript.failFor(held, 1_000, networkError);
    const messages = [settlementMessage(a), settlementMessage(held)];
    const offset = await sendBatch(messages);
    await eventually(() => handlerScript.failuresLeft.get(held)! < 1_000, 30_000, 'the batch held');
    expect(appliedIds(a)).toEqual([messages[0].id]);

    await app.close();
    expect(await committedOffset()).toBe(offset);

    handlerScript.failuresLeft.set(held, 0); // the store is back
    app = await startWatchedConsumer();
    await eventually(() => appliedIds(held).length === 1, 60_000, 'the held event applied');
    // the event handled before the stop, but never recorded, ran again: its handler is idempotent
    expect(appliedIds(a)).toEqual([messages[0].id, messages[0].id]);
    expect(await inboxed(messages.map((m) => m.id))).toHaveLength(2);
    await eventually(async () => (await committedOffset()) === offset + 2, 10_000, 'the batch committed');
  });
});
