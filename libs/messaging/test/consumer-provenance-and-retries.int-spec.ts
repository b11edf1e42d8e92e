import type { INestApplication } from '@nestjs/common';
import { Events, toKafkaHeaders, Topics } from '@tongguan/contracts';
import { createKafka, redriveDeadLetters } from '@tongguan/messaging';
import { EventTap, eventually, testEnvironment } from '@tongguan/testing';
import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import { register } from 'prom-client';
import { handlerScript, startConsumerApp } from './support/consumer-app';
import { settlementOf } from './support/payment-settled';

// The declaration service's consumer (its group, its inbox on the real store) around a recording
// handler, against the real broker: what it accepts, what it holds back, what it dead-letters.

const env = testEnvironment('messagingconsumer');
const tap = new EventTap(process.env.KAFKA_BROKERS!, env.TOPIC_PREFIX);
const kafka = createKafka('test-redrive', process.env.KAFKA_BROKERS!.split(','));
const SETTLED = Events.PaymentSettled.type;
let app: INestApplication;

const shipment = () => `BL-${randomUUID().slice(0, 8).toUpperCase()}`;
const settlement = (shipmentId: string) => settlementOf(shipmentId, { amountMinor: 1 });

/** A PaymentSettled as anyone with access to the broker could write it, with the ce_source they like. */
async function forge(topic: string, source: string, shipmentId: string): Promise<string> {
  const id = randomUUID();
  const headers = toKafkaHeaders({
    id,
    type: SETTLED,
    source,
    time: new Date().toISOString(),
    subject: shipmentId,
    correlationId: id,
    causationId: id,
  });
  await tap.produce(topic, { key: shipmentId, value: JSON.stringify(settlement(shipmentId)), headers });
  return id;
}

const deadLetters = (shipmentId: string) =>
  tap.messages.filter((m) => m.topic.endsWith('.dlq') && m.key === shipmentId);

async function metric(name: string, labels: Record<string, string>): Promise<number> {
  const values = (await register.getSingleMetric(name)?.get())?.values ?? [];
  return values
    .filter((v) => Object.entries(labels).every(([k, value]) => v.labels[k] === value))
    .reduce((sum, v) => sum + v.value, 0);
}

beforeAll(async () => {
  app = await startConsumerApp(env);
  await tap.start([
    Topics.logistics,
    `${Topics.logistics}.dlq`,
    Topics.inspection,
    `${Topics.inspection}.dlq`,
  ]);
});

afterAll(async () => {
  await tap.stop();
  await app?.close();
});

describe('a consumer whose store is unavailable', () => {
  it('holds the event, retries it with back-off and applies it once after recovery, in order, with nothing dead-lettered', async () => {
    const id = shipment();
    // what the driver throws while the store is unreachable, three times in a row
    handlerScript.failFor(
      id,
      3,
      () => new mongoose.mongo.MongoNetworkError('connection 7 to 127.0.0.1:27017 closed'),
    );
    const first = await tap.publish('PaymentSettled', settlement(id));
    const second = await tap.publish('PaymentSettled', { ...settlement(id), receiptNumber: 'R-SECOND' });

    await eventually(() => handlerScript.appliedFor(id).length === 2, 30_000, 'both events applied');
    expect(handlerScript.appliedFor(id).map((a) => a.id)).toEqual([first, second]);
    expect(handlerScript.failuresLeft.get(id)).toBe(0);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(handlerScript.appliedFor(id)).toHaveLength(2);
    expect(deadLetters(id)).toEqual([]);
    expect(
      await metric('tongguan_events_retry_waits_total', { topic: Topics.logistics }),
    ).toBeGreaterThanOrEqual(3);
  });
});

describe('dead letters that come back', () => {
  it('dead-letters an event its handler keeps rejecting; after the fix a redrive applies it once, and a second redrive changes nothing', async () => {
    const id = shipment();
    handlerScript.failFor(id, 3, () => new Error('tariff line 9999 unknown'));
    const ceId = await tap.publish('PaymentSettled', settlement(id));
    const dead = await tap.waitFor(
      (m) => m.topic === `${Topics.logistics}.dlq` && m.key === id,
      30_000,
      'the dead letter',
    );
    expect(dead.headers).toMatchObject({ dlq_reason: 'HANDLER_FAILED', ce_id: ceId });
    expect(dead.headers.dlq_error).toMatch(/after 3 attempts: tariff line 9999 unknown/);
    expect(handlerScript.appliedFor(id)).toEqual([]);

    // the fix is deployed (the handler no longer fails): the redrive sends the dead letter back
    const redrive = {
      topic: `${Topics.logistics}.dlq`,
      topicPrefix: env.TOPIC_PREFIX,
      type: 'PaymentSettled',
    };
    const dry = await redriveDeadLetters(kafka, { ...redrive, dryRun: true });
    expect(dry).toMatchObject({ redriven: 1, read: 1 });
    const once = await redriveDeadLetters(kafka, redrive);
    expect(once).toMatchObject({ redriven: 1, read: 1, unroutable: 0 });
    await eventually(() => handlerScript.appliedFor(id).length === 1, 30_000, 'the redriven event applied');
    const back = tap.messages.filter((m) => m.topic === Topics.logistics && m.headers.ce_id === ceId);
    expect(back).toHaveLength(2); // the original and the redriven copy, same ce_id, no dlq_ headers
    expect(Object.keys(back[1].headers).filter((h) => h.startsWith('dlq_'))).toEqual([]);

    // the redrive's group remembers where it got: nothing is sent again
    expect(await redriveDeadLetters(kafka, redrive)).toMatchObject({ read: 0, redriven: 0 });
    // and with its offsets lost (another group), the copy it sends is skipped by the consumer's inbox
    const again = await redriveDeadLetters(kafka, { ...redrive, group: `${env.TOPIC_PREFIX}lost-offsets` });
    expect(again.redriven).toBe(1);
    await eventually(
      () => tap.messages.filter((m) => m.topic === Topics.logistics && m.headers.ce_id === ceId).length === 3,
      30_000,
      'the second copy on the topic',
    );
    await eventually(async () => (await metric('tongguan_events_duplicate_total', { type: SETTLED })) >= 1);
    expect(handlerScript.appliedFor(id)).toHaveLength(1);
  });
});

describe('event provenance', () => {
  it('refuses a PaymentSettled forged with another ce_source, or sent on another topic, and dead-letters it with the reason', async () => {
    const forged = shipment();
    const wrongTopic = shipment();
    const genuine = shipment();
    const forgedId = await forge(Topics.logistics, 'attacker', forged);
    const wrongTopicId = await forge(Topics.inspection, 'logistics-trading', wrongTopic);
    await tap.publish('PaymentSettled', settlement(genuine));

    const bySource = await tap.waitFor(
      (m) => m.key === forged && m.topic.endsWith('.dlq'),
      30_000,
      'forged on DLQ',
    );
    expect(bySource.topic).toBe(`${Topics.logistics}.dlq`);
    expect(bySource.headers).toMatchObject({
      dlq_reason: 'SOURCE_MISMATCH',
      ce_id: forgedId,
      ce_source: 'attacker',
    });
    expect(bySource.headers.dlq_error).toMatch(/comes from logistics-trading/);
    const byTopic = await tap.waitFor(
      (m) => m.key === wrongTopic && m.topic.endsWith('.dlq'),
      30_000,
      'wrong topic on DLQ',
    );
    expect(byTopic.topic).toBe(`${Topics.inspection}.dlq`);
    expect(byTopic.headers).toMatchObject({ dlq_reason: 'TOPIC_MISMATCH', ce_id: wrongTopicId });

    await eventually(
      () => handlerScript.appliedFor(genuine).length === 1,
      30_000,
      'the genuine event applied',
    );
    expect(handlerScript.appliedFor(forged)).toEqual([]);
    expect(handlerScript.appliedFor(wrongTopic)).toEqual([]);
    expect(await metric('tongguan_events_dead_lettered_total', { reason: 'SOURCE_MISMATCH' })).toBe(1);
    expect(await metric('tongguan_events_dead_lettered_total', { reason: 'TOPIC_MISMATCH' })).toBe(1);
  });
});
