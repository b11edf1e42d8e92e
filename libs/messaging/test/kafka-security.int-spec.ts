import type { INestApplication } from '@nestjs/common';
import { Topics } from '@tongguan/contracts';
import {
  createKafka,
  EventPublisher,
  loadKafkaSettings,
  type MessagingOptions,
  provisionKafkaAccess,
} from '@tongguan/messaging';
import { eventually, testEnvironment } from '@tongguan/testing';
import { randomBytes } from 'node:crypto';
import { handlerScript, startConsumerApp } from './support/consumer-app';
import { paymentSettledEvent } from './support/payment-settled';
import { type SecureKafka, startSecureKafka } from './support/secure-kafka';

// Kafka as production runs it (SASL/SCRAM, an ACL per service, nothing allowed without one), on a
// throwaway broker: the services' own code path with credentials, and what the ACLs refuse.

const passwords = {
  declaration: randomBytes(12).toString('hex'),
  'logistics-trading': randomBytes(12).toString('hex'),
};
const env = testEnvironment('kafkasecurity');
let broker: SecureKafka;
let consumer: INestApplication | undefined;

function publisherAs(service: keyof typeof passwords, password = passwords[service]) {
  const settings = loadKafkaSettings(broker.credentials(service, password));
  const options: MessagingOptions = {
    service,
    brokers: [broker.brokers],
    topicPrefix: env.TOPIC_PREFIX,
    partitions: 3,
    consumerConcurrency: 3,
    replicationFactor: 1,
  };
  const kafka = createKafka(`test-${service}`, options.brokers, { retry: { retries: 1 } }, settings);
  return new EventPublisher(kafka, options);
}

const paymentSettled = (shipmentId: string, source = 'logistics-trading') =>
  paymentSettledEvent(shipmentId, { source });

beforeAll(async () => {
  broker = await startSecureKafka(passwords);
  const admin = createKafka(
    'test-admin',
    [broker.brokers],
    {},
    loadKafkaSettings(broker.credentials('admin')),
  );
  await provisionKafkaAccess(admin, { topicPrefix: env.TOPIC_PREFIX, partitions: 3, replicationFactor: 1 });
  // the declaration service with its own principal: it checks its topics exist and joins its group
  const declaration = { ...env, KAFKA_BROKERS: broker.brokers, ...broker.credentials('declaration') };
  const asDeclaration = createKafka('test-acl-wait', [broker.brokers], {}, loadKafkaSettings(declaration));
  // the broker applies new ACLs once their metadata reaches it
  await eventually(
    async () => {
      const admin = asDeclaration.admin();
      await admin.connect();
      try {
        return (await admin.listTopics()).filter((t) => t.startsWith(env.TOPIC_PREFIX)).length === 10;
      } finally {
        await admin.disconnect();
      }
    },
    20_000,
    'the declaration principal sees every topic',
  );
  consumer = await startConsumerApp(declaration, loadKafkaSettings(declaration));
}, 90_000);

afterAll(async () => {
  await consumer?.close();
  await broker?.stop();
});

describe('Kafka with SASL/SCRAM and an ACL per service', () => {
  it("carries logistics-trading's PaymentSettled to the declaration service, each with its own credentials", async () => {
    const publisher = publisherAs('logistics-trading');
    const event = paymentSettled('BL-SECURE-1');
    await publisher.publish([event]);
    await eventually(() => handlerScript.appliedFor('BL-SECURE-1').length === 1, 30_000, 'the event applied');
    expect(handlerScript.appliedFor('BL-SECURE-1')[0].id).toBe(event.id);
    await publisher.onApplicationShutdown();
  });

  it('refuses a wrong password', async () => {
    const publisher = publisherAs('logistics-trading', 'not-the-password');
    await expect(publisher.publish([paymentSettled('BL-SECURE-2')])).rejects.toThrow(
      /SASL SCRAM SHA512 authentication failed/,
    );
    await publisher.onApplicationShutdown();
  });

  it("denies a service producing to another service's topic: declaration cannot write a PaymentSettled", async () => {
    const publisher = publisherAs('declaration');
    const forged = paymentSettled('BL-SECURE-3', 'declaration');
    await expect(publisher.publish([forged])).rejects.toMatchObject({ type: 'TOPIC_AUTHORIZATION_FAILED' });
    // while its own topic takes its writes
    await expect(
      publisher.sendRaw(`${env.TOPIC_PREFIX}${Topics.declaration}`, {
        key: 'BL-SECURE-3',
        value: '{}',
        headers: {},
      }),
    ).resolves.toBeUndefined();
    await publisher.onApplicationShutdown();
    await new Promise((r) => setTimeout(r, 1_000));
    expect(handlerScript.appliedFor('BL-SECURE-3')).toEqual([]);
  });
});
