import type { INestApplication } from '@nestjs/common';
import { Topics } from '@tongguan/contracts';
import { EventTap, eventually, testEnvironment } from '@tongguan/testing';
import mongoose from 'mongoose';
import { register } from 'prom-client';
import { handlerScript, startConsumerApp } from './support/consumer-app';
import { OwnMongo } from './support/own-mongo';
import { settlementOf } from './support/payment-settled';

// A service whose store really goes away (its own Mongo-wire server, killed and started again) while
// events arrive: the event waits for the store and is applied once, nothing is dead-lettered.

const env = testEnvironment('storeoutage');
const tap = new EventTap(process.env.KAFKA_BROKERS!, env.TOPIC_PREFIX);
let mongo: OwnMongo;
let app: INestApplication;
let store: mongoose.Connection;

const applications = async (id: string) =>
  (await store.collection<{ _id: string; applications: number }>('applied_events').findOne({ _id: id }))
    ?.applications ?? 0;

beforeAll(async () => {
  mongo = await OwnMongo.start();
  app = await startConsumerApp({ ...env, MONGO_URI: mongo.uri });
  await tap.start([Topics.logistics, `${Topics.logistics}.dlq`]);
  store = mongoose.createConnection(mongo.uri, { dbName: `${env.MONGO_DB_PREFIX}declaration` });
}, 90_000);

afterAll(async () => {
  await tap.stop();
  await app?.close();
  await store?.close();
  await mongo?.stop();
});

// longer than the 3 attempts of 10 s server selection the consumer used to give a handler before
// dead-lettering its event
const OUTAGE_MS = 35_000;

describe('a consumer whose store goes away', () => {
  it('holds the event whose handler lost the store, retries it while the store is down and applies it once when it is back', async () => {
    await tap.publish('PaymentSettled', settlementOf('BL-OUTAGE-0'));
    await eventually(() => handlerScript.appliedFor('BL-OUTAGE-0').length === 1, 30_000, 'the first event');

    let release: () => void = () => undefined;
    handlerScript.gates.set('BL-OUTAGE-1', new Promise<void>((resolve) => (release = resolve)));
    const during = await tap.publish('PaymentSettled', settlementOf('BL-OUTAGE-1'));
    const after = await tap.publish(
      'PaymentSettled',
      settlementOf('BL-OUTAGE-1', { receiptNumber: 'R-AFTER' }),
    );
    await eventually(() => handlerScript.waiting.has('BL-OUTAGE-1'), 30_000, 'the handler at work');
    await mongo.kill(); // the store goes away under the handler
    release();
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    expect(handlerScript.appliedFor('BL-OUTAGE-1')).toEqual([]);
    expect(tap.messages.filter((m) => m.topic.endsWith('.dlq'))).toEqual([]);

    // the handler failed on the missing store and its partition waited, instead of dead-lettering
    const waits = (await register.getSingleMetric('tongguan_events_retry_waits_total')?.get())?.values ?? [];
    expect(waits.reduce((sum, v) => sum + v.value, 0)).toBeGreaterThanOrEqual(2);
    await mongo.up();
    await eventually(
      () => handlerScript.appliedFor('BL-OUTAGE-1').length === 2,
      60_000,
      'both events after recovery',
    );
    expect(handlerScript.appliedFor('BL-OUTAGE-1').map((a) => a.id)).toEqual([during, after]);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await applications(during)).toBe(1);
    expect(await applications(after)).toBe(1);
    expect(tap.messages.filter((m) => m.topic.endsWith('.dlq'))).toEqual([]);
  }, 150_000);
});
