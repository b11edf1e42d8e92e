#!/usr/bin/env node
// Smoke test: kafkajs 2.2.4 against the local Kafka broker.
// Usage: node deploy/local/smoke-kafka.js   (KAFKA_PORT, default 9092)
// Exits 0 and prints "kafka smoke: OK" on success.
'use strict';
const { Kafka, logLevel } = require('kafkajs');

const port = process.env.KAFKA_PORT || '9092';
const broker = `127.0.0.1:${port}`;
const kafka = new Kafka({ clientId: 'tongguan-smoke', brokers: [broker], logLevel: logLevel.NOTHING });
const run = Date.now().toString(36);
const topic = `smoke-${run}`;
const groupId = `smoke-group-${run}`;
const N = 12;

function assert(cond, msg) {
  if (!cond) throw new Error('ASSERTION FAILED: ' + msg);
}
const step = (m) => console.log(' -', m);

let redelivered = 0; // at-least-once: a rebalance during the first join may redeliver

async function consumeUntil(expected, timeoutMs) {
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10000, heartbeatInterval: 1000 });
  const byId = new Map(); // "partition:offset" -> message, unique deliveries only
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ topic: t, partition, message }) => {
      const id = `${partition}:${message.offset}`;
      if (byId.has(id)) redelivered++;
      byId.set(id, {
        key: message.key && message.key.toString(),
        value: message.value.toString(),
        hdr: message.headers && message.headers['x-trace'] && message.headers['x-trace'].toString(),
        partition,
      });
      await consumer.commitOffsets([
        { topic: t, partition, offset: (BigInt(message.offset) + 1n).toString() },
      ]);
    },
  });
  const deadline = Date.now() + timeoutMs;
  while (byId.size < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return { consumer, got: [...byId.values()] };
}

(async () => {
  const t0 = Date.now();
  const admin = kafka.admin();
  await admin.connect();
  step(`connected admin to ${broker}`);
  const created = await admin.createTopics({
    topics: [{ topic, numPartitions: 6, replicationFactor: 1 }],
    waitForLeaders: true,
  });
  assert(created === true, 'createTopics returned ' + created);
  const topics = await admin.listTopics();
  assert(topics.includes(topic), 'listTopics does not include ' + topic);
  const md = await admin.fetchTopicMetadata({ topics: [topic] });
  assert(
    md.topics[0].partitions.length === 6,
    'expected 6 partitions, got ' + md.topics[0].partitions.length,
  );
  step('createTopics(6 partitions) + listTopics + fetchTopicMetadata OK');

  const producer = kafka.producer();
  await producer.connect();
  const messages = Array.from({ length: N }, (_, i) => ({
    key: `k${i % 4}`,
    value: JSON.stringify({ i }),
    headers: { 'x-trace': `t${i}` },
  }));
  const res = await producer.send({ topic, messages });
  assert(res.length > 0, 'send returned no metadata');
  // idempotent producer too
  const idem = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await idem.connect();
  await idem.send({
    topic,
    messages: [{ key: 'k0', value: JSON.stringify({ i: N }), headers: { 'x-trace': `t${N}` } }],
  });
  await idem.disconnect();
  step(`produced ${N + 1} keyed messages with headers (plain + idempotent producer)`);

  const first = await consumeUntil(N + 1, 30000);
  assert(first.got.length === N + 1, `first consume got ${first.got.length}/${N + 1}`);
  assert(
    first.got.every((m) => m.hdr && m.hdr.startsWith('t')),
    'headers missing',
  );
  // same key => same partition
  const byKey = {};
  for (const m of first.got) {
    (byKey[m.key] = byKey[m.key] || new Set()).add(m.partition);
  }
  assert(
    Object.values(byKey).every((s) => s.size === 1),
    'a key landed on more than one partition',
  );
  await first.consumer.disconnect();
  step(
    `consumer group ${groupId} consumed ${first.got.length} messages (eachMessage), committed offsets` +
      (redelivered ? ` (${redelivered} redelivered during the first join)` : ''),
  );

  const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
  const committedSum = committed[0].partitions.reduce((a, p) => a + Math.max(0, Number(p.offset)), 0);
  assert(committedSum === N + 1, 'committed offsets sum ' + committedSum);

  const second = await consumeUntil(1, 5000);
  await second.consumer.disconnect();
  assert(second.got.length === 0, `redelivered ${second.got.length} messages after reconnect`);
  step('reconnected group: no redelivery');

  const offs = await admin.fetchTopicOffsets(topic);
  const high = offs.reduce((a, p) => a + Number(p.high), 0);
  assert(
    offs.length === 6 && high === N + 1,
    `fetchTopicOffsets: ${offs.length} partitions, high sum ${high}`,
  );
  step('fetchOffsets(group) + fetchTopicOffsets OK');

  // auto.create.topics.enable: producing to an unknown topic creates it with num.partitions=6
  const autoTopic = `${topic}-auto`;
  await producer.send({ topic: autoTopic, messages: [{ key: 'a', value: 'auto' }] });
  const amd = await admin.fetchTopicMetadata({ topics: [autoTopic] });
  assert(
    amd.topics[0].partitions.length === 6,
    'auto-created topic has ' + amd.topics[0].partitions.length + ' partitions',
  );
  step('auto-created topic on produce (6 partitions)');

  // transactional producer (InitProducerId / AddPartitionsToTxn / EndTxn)
  const txp = kafka.producer({
    transactionalId: `smoke-tx-${run}`,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await txp.connect();
  const tx = await txp.transaction();
  await tx.send({ topic: autoTopic, messages: [{ key: 'tx', value: 'committed' }] });
  await tx.commit();
  const tx2 = await txp.transaction();
  await tx2.send({ topic: autoTopic, messages: [{ key: 'tx', value: 'aborted' }] });
  await tx2.abort();
  await txp.disconnect();
  step('transactional producer commit + abort OK');

  const groups = await admin.listGroups();
  assert(
    groups.groups.some((g) => g.groupId === groupId),
    'listGroups misses group',
  );
  await admin.deleteGroups([groupId]);
  await admin.deleteTopics({ topics: [topic, autoTopic] });
  step('listGroups + deleteGroups + deleteTopics OK');
  await producer.disconnect();
  await admin.disconnect();
  console.log(`kafka smoke: OK (${Date.now() - t0} ms)`);
  process.exit(0);
})().catch((e) => {
  console.error('kafka smoke: FAILED:', e && (e.stack || e));
  process.exit(1);
});
