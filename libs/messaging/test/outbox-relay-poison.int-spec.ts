import { type CloudEvent, Topics } from '@tongguan/contracts';
import {
  createKafka,
  EventPublisher,
  type MessagingOptions,
  OutboxRelay,
  TopicProvisioner,
} from '@tongguan/messaging';
import { type OutboxModel, parkedOutboxOf, withOutbox } from '@tongguan/persistence';
import { EventTap, eventually, testEnvironment } from '@tongguan/testing';
import { KafkaJSConnectionError } from 'kafkajs';
import mongoose, { Schema } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { register } from 'prom-client';
import { paymentSettledEvent } from './support/payment-settled';

// The outbox relay of a service against the real store and broker: an event that can never be sent
// is parked with its reason, and every document staged after it is still relayed.

const env = testEnvironment('outboxpoison');
const options: MessagingOptions = {
  service: 'logistics-trading',
  brokers: env.KAFKA_BROKERS.split(','),
  topicPrefix: env.TOPIC_PREFIX,
  partitions: 3,
  consumerConcurrency: 3,
  replicationFactor: 1,
};
const kafka = createKafka('test-outbox-poison', options.brokers);
const tap = new EventTap(env.KAFKA_BROKERS, env.TOPIC_PREFIX);

/** Fails its first sends as an unavailable broker would, then sends for real. */
class FlakyPublisher extends EventPublisher {
  outages = 0;
  override async publish(events: CloudEvent[]): Promise<void> {
    if (this.outages > 0) {
      this.outages--;
      throw new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
    }
    return super.publish(events);
  }
}

let connection: mongoose.Connection;
let model: OutboxModel;
let publisher: FlakyPublisher;
let relay: OutboxRelay;

const settled = (shipmentId: string, payload: Record<string, unknown> = {}) =>
  paymentSettledEvent(shipmentId, { payload });

async function stage(events: CloudEvent[]): Promise<string> {
  const _id = `DOC-${randomUUID().slice(0, 8)}`;
  await model.create({ _id, outbox: events, outboxPending: true });
  return _id;
}

const sent = (id: string) =>
  tap.messages.filter((m) => m.topic === Topics.logistics && m.headers.ce_id === id);
const outboxOf = async (id: string) =>
  ((await model.findById(id).lean()) as { outbox: unknown[] } | null)?.outbox;

beforeAll(async () => {
  connection = await mongoose
    .createConnection(env.MONGO_URI, {
      dbName: `${env.MONGO_DB_PREFIX}relay`,
      serverSelectionTimeoutMS: 10_000,
    })
    .asPromise();
  model = connection.model('RelayTestDoc', withOutbox(new Schema({ _id: String }))) as unknown as OutboxModel;
  await new TopicProvisioner(kafka, options).ensureTopics();
  await tap.start([Topics.logistics]);
  publisher = new FlakyPublisher(kafka, options);
  relay = new OutboxRelay(publisher);
  relay.watch(model);
});

afterAll(async () => {
  await relay.onApplicationShutdown();
  await publisher.onApplicationShutdown();
  await tap.stop();
  await connection.close();
});

describe('outbox relay', () => {
  it('parks an event that breaks its contract or names no contract, and relays every document staged after it', async () => {
    const poisoned = settled('BL-POISON-1', { amountMinor: -5 });
    const unknown = { ...settled('BL-POISON-2'), type: 'tongguan.logistics.PaymentForged.v1' };
    const before = settled('BL-OK-1');
    const after = settled('BL-OK-2');
    const later = settled('BL-OK-3');
    const poisonedDoc = await stage([poisoned]);
    const mixedDoc = await stage([before, unknown, after]);
    const laterDoc = await stage([later]);

    for (const event of [before, after, later])
      await tap.waitFor((m) => m.headers.ce_id === event.id, 30_000, event.subject);
    await eventually(
      async () => (await outboxOf(poisonedDoc))?.length === 0,
      10_000,
      'the poisoned outbox emptied',
    );
    expect(await outboxOf(mixedDoc)).toEqual([]);
    expect(await outboxOf(laterDoc)).toEqual([]);
    expect(sent(poisoned.id)).toEqual([]);
    expect(sent(unknown.id)).toEqual([]);
    // in order within the document that held the unknown type
    const order = tap.messages.map((m) => m.headers.ce_id);
    expect(order.indexOf(before.id)).toBeLessThan(order.indexOf(after.id));

    const parked = await parkedOutboxOf(model).find({}).sort({ reason: 1 }).lean();
    expect(parked.map(({ docId, reason, event }) => ({ docId, reason, id: event.id }))).toEqual([
      { docId: poisonedDoc, reason: 'PAYLOAD_INVALID', id: poisoned.id },
      { docId: mixedDoc, reason: 'TYPE_UNKNOWN', id: unknown.id },
    ]);
    expect(parked[0].error).toMatch(/amountMinor/);
    const counted = (await register.getSingleMetric('tongguan_outbox_parked_total')?.get())?.values ?? [];
    expect(counted.reduce((sum, v) => sum + v.value, 0)).toBe(2);
  });

  it('still retries an unavailable broker: nothing is parked and the event goes once the broker is back', async () => {
    publisher.outages = 3;
    const event = settled('BL-OUTAGE-1');
    const doc = await stage([event]);
    await tap.waitFor((m) => m.headers.ce_id === event.id, 30_000, 'the event after the outage');
    expect(publisher.outages).toBe(0);
    await eventually(async () => (await outboxOf(doc))?.length === 0, 10_000, 'the outbox emptied');
    expect(await parkedOutboxOf(model).countDocuments({ docId: doc })).toBe(0);
  });
});
