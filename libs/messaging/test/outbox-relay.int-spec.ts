import { type CloudEvent, Topics } from '@tongguan/contracts';
import {
  createKafka,
  EventPublisher,
  type MessagingOptions,
  OutboxRelay,
  TopicProvisioner,
} from '@tongguan/messaging';
import { AggregateRepository, type OutboxFields, type OutboxModel, withOutbox } from '@tongguan/persistence';
import { EventTap, eventually, testEnvironment } from '@tongguan/testing';
import mongoose, { type Model, Schema } from 'mongoose';
import type { CommandStartedEvent } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { paymentSettledEvent } from './support/payment-settled';

// The outbox relay's hot path against the real store and broker: a staging write hands the relay the
// outbox it left, so the relay sends it without reading it back, and the store sees the staging, the
// marker, and one write each to empty the outbox and remove the marker. A relay that dies before the
// produce leaves the document to another relay's sweep; two stagings before a pass go in order.

const env = testEnvironment('outboxrelay');
const options: MessagingOptions = {
  service: 'logistics-trading',
  brokers: env.KAFKA_BROKERS.split(','),
  topicPrefix: env.TOPIC_PREFIX,
  partitions: 3,
  consumerConcurrency: 3,
  replicationFactor: 1,
};
const kafka = createKafka('test-outbox-relay', options.brokers);
const tap = new EventTap(env.KAFKA_BROKERS, env.TOPIC_PREFIX);
const dbName = `${env.MONGO_DB_PREFIX}relay`;

interface Shipment extends OutboxFields {
  _id: string;
  revision?: number;
  step: string;
}

class Shipments extends AggregateRepository<Shipment> {
  constructor(model: Model<Shipment>) {
    super(model, 'Shipment');
  }
}

/** Holds every send that carries a held event until released, as a stuck or dying produce would. */
class HoldingPublisher extends EventPublisher {
  readonly held = new Set<string>();
  readonly waiting = new Set<string>();
  private release: () => void = () => undefined;
  private readonly released = new Promise<void>((resolve) => (this.release = resolve));

  override async publish(events: CloudEvent[]): Promise<void> {
    const holding = events.filter((event) => this.held.has(event.id));
    if (holding.length > 0) {
      for (const event of holding) this.waiting.add(event.id);
      await this.released;
    }
    return super.publish(events);
  }

  releaseAll(): void {
    this.release();
  }
}

let connection: mongoose.Connection;
/** An unmonitored connection, so that the test's own reads are not counted. */
let observer: mongoose.Connection;
const commands: CommandStartedEvent[] = [];

const shipmentSchema = () =>
  withOutbox(new Schema<Shipment>({ _id: String, revision: Number, step: String }));
const settled = (shipmentId: string) => paymentSettledEvent(shipmentId);
const sent = (id: string) =>
  tap.messages.filter((m) => m.topic === Topics.logistics && m.headers.ce_id === id);
const newId = () => `BL-${randomUUID().slice(0, 8).toUpperCase()}`;

/** The store commands that named any of these documents (or their markers), in order. */
const commandsOn = (...ids: string[]) =>
  commands
    .filter(({ command }) => ids.some((id) => JSON.stringify(command).includes(id)))
    .map(({ commandName }) => commandName);

const markerOf = (model: OutboxModel, id: string) =>
  observer.collection<{ _id: string }>('outbox_markers').findOne({ _id: `${model.modelName}:${id}` });
const outboxOf = async (model: OutboxModel, id: string) =>
  (
    await observer
      .collection<{ _id: string; outbox: unknown[] }>(model.collection.collectionName)
      .findOne({ _id: id })
  )?.outbox;

/** Waits until the events are on Kafka and the documents' outboxes and markers are gone. */
async function relayed(model: OutboxModel, ids: string[], events: CloudEvent[]) {
  for (const event of events) await tap.waitFor((m) => m.headers.ce_id === event.id, 30_000, event.id);
  for (const id of ids) {
    await eventually(async () => (await markerOf(model, id)) === null, 10_000, `the marker of ${id} removed`);
    expect(await outboxOf(model, id)).toEqual([]);
  }
  // anything the relay would still do to them shows by now
  await new Promise((r) => setTimeout(r, 300));
}

let publisher: HoldingPublisher;
let relay: OutboxRelay;
let model: Model<Shipment>;
let shipments: Shipments;

beforeAll(async () => {
  connection = await mongoose
    .createConnection(env.MONGO_URI, { dbName, monitorCommands: true, serverSelectionTimeoutMS: 10_000 })
    .asPromise();
  connection.getClient().on('commandStarted', (event) => commands.push(event));
  observer = await mongoose.createConnection(env.MONGO_URI, { dbName }).asPromise();
  model = connection.model<Shipment>('Shipment', shipmentSchema());
  shipments = new Shipments(model);
  await shipments.onModuleInit();
  await new TopicProvisioner(kafka, options).ensureTopics();
  await tap.start([Topics.logistics]);
  publisher = new HoldingPublisher(kafka, options);
  relay = new OutboxRelay(publisher);
  relay.watch(shipments.outboxModel);
  // the relay's start-up sweep of an empty collection, before anything is counted
  await new Promise((r) => setTimeout(r, 500));
});

afterAll(async () => {
  publisher.releaseAll();
  await relay.onApplicationShutdown();
  await publisher.onApplicationShutdown();
  await tap.stop();
  await connection.close();
  await observer.close();
});

describe('outbox relay, hot path', () => {
  it('relays an inserted document with four store commands and an updated one with four, reading nothing back', async () => {
    const inserted = newId();
    const created = settled(inserted);
    commands.length = 0;
    expect(await shipments.insert({ _id: inserted, step: 'lodged' }, [created])).toBe(true);
    await relayed(shipments.outboxModel, [inserted], [created]);
    // the insert, the marker's upsert returning its count, the emptied outbox, the removed marker
    expect(commandsOn(inserted)).toEqual(['insert', 'findAndModify', 'update', 'delete']);

    const paid = settled(inserted);
    commands.length = 0;
    expect(
      await shipments.apply(
        { _id: inserted, revision: 1 },
        { change: { set: { step: 'paid' } }, events: [paid] },
      ),
    ).toBe(true);
    await relayed(shipments.outboxModel, [inserted], [paid]);
    // the update returning the outbox it left, the marker, the emptied outbox, the removed marker
    expect(commandsOn(inserted)).toEqual(['findAndModify', 'findAndModify', 'update', 'delete']);
    expect(sent(created.id)).toHaveLength(1);
    expect(sent(paid.id)).toHaveLength(1);
  });

  it('shares the emptying and the marker removal among documents staged together: about two store commands per staged write', async () => {
    const ids = Array.from({ length: 40 }, newId);
    const events = ids.map((id) => settled(id));
    commands.length = 0;
    await Promise.all(ids.map((id, i) => shipments.insert({ _id: id, step: 'lodged' }, [events[i]])));
    await relayed(shipments.outboxModel, ids, events);
    const used = commandsOn(...ids);
    const perWrite = used.length / ids.length;
    console.log(
      `store commands per staged write, ${ids.length} staged at once: ${perWrite.toFixed(2)} (${used.length})`,
    );
    expect(used.filter((name) => name === 'find')).toEqual([]);
    expect(perWrite).toBeLessThan(3);
    for (const event of events) expect(sent(event.id)).toHaveLength(1);
  });

  it('sends a document staged twice before the relay got to it once, in staging order, without reading it back', async () => {
    // a pass stuck on another document's produce, while one document is staged twice
    const blocker = newId();
    const blocking = settled(blocker);
    publisher.held.add(blocking.id);
    await shipments.insert({ _id: blocker, step: 'lodged' }, [blocking]);
    await eventually(() => publisher.waiting.has(blocking.id), 10_000, 'the pass stuck on the produce');

    const twice = newId();
    const first = settled(twice);
    const second = settled(twice);
    commands.length = 0;
    await shipments.insert({ _id: twice, step: 'lodged' }, [first]);
    expect(
      await shipments.apply(
        { _id: twice, revision: 1 },
        { change: { set: { step: 'paid' } }, events: [second] },
      ),
    ).toBe(true);
    publisher.releaseAll();
    await relayed(shipments.outboxModel, [blocker, twice], [blocking, first, second]);

    const order = tap.messages.map((m) => m.headers.ce_id);
    expect(order.indexOf(first.id)).toBeLessThan(order.indexOf(second.id));
    expect(sent(first.id)).toHaveLength(1);
    expect(sent(second.id)).toHaveLength(1);
    // two stagings with their markers, then one pass: one emptied outbox, one removed marker
    expect(commandsOn(twice)).toEqual([
      'insert',
      'findAndModify',
      'findAndModify',
      'findAndModify',
      'update',
      'delete',
    ]);
  });

  it('leaves a document whose relay died before the produce to the sweep of another relay, which sends it once', async () => {
    const orphans = connection.model<Shipment>('OrphanShipment', shipmentSchema()) as unknown as OutboxModel;
    const orphanShipments = new Shipments(orphans as unknown as Model<Shipment>);
    await orphanShipments.onModuleInit();
    const dying = new HoldingPublisher(kafka, options);
    const dead = new OutboxRelay(dying);
    const survivor = new OutboxRelay(publisher);
    try {
      dead.watch(orphans);
      const orphan = newId();
      const left = settled(orphan);
      dying.held.add(left.id);
      await orphanShipments.insert({ _id: orphan, step: 'lodged' }, [left]);
      await eventually(() => dying.waiting.has(left.id), 10_000, 'the dying relay at the produce');
      // the process dies here: its relay never produces, nothing of it runs again
      void dead.onApplicationShutdown();
      expect(await markerOf(orphans, orphan)).not.toBeNull();
      expect(await outboxOf(orphans, orphan)).toHaveLength(1);

      survivor.watch(orphans);
      await relayed(orphans, [orphan], [left]);
      expect(sent(left.id)).toHaveLength(1);
    } finally {
      // its produce never returns: only its timers and its signal go
      void dead.onApplicationShutdown();
      await survivor.onApplicationShutdown();
    }
  });
});
