#!/usr/bin/env node
// Readiness probe for the local Kafka: retries a real metadata request (kafkajs
// admin.listTopics + fetchTopicMetadata + describeGroups, which also makes sure the
// group coordinator / __consumer_offsets is up) until it succeeds or the timeout passes.
// Usage: node deploy/local/wait-kafka.js [timeoutSeconds=60]   (KAFKA_PORT, default 9092)
// Exit 0 = ready, 1 = timed out (last error printed).
'use strict';
const { Kafka, logLevel } = require('kafkajs');

const port = process.env.KAFKA_PORT || '9092';
const timeoutMs = Number(process.argv[2] || 60) * 1000;
const kafka = new Kafka({
  clientId: 'tongguan-wait',
  brokers: [`127.0.0.1:${port}`],
  logLevel: logLevel.NOTHING,
  connectionTimeout: 1000,
  requestTimeout: 3000,
  retry: { retries: 0 },
});

(async () => {
  const deadline = Date.now() + timeoutMs;
  let lastErr;
  for (;;) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      const topics = await admin.listTopics();
      await admin.fetchTopicMetadata({ topics: [] });
      // Warm the group coordinator: on a fresh broker the first FindCoordinator creates
      // __consumer_offsets; doing it here keeps the tests' first consumer group from
      // hitting COORDINATOR_NOT_AVAILABLE and an extra rebalance (duplicate deliveries).
      await admin.describeGroups(['tongguan-local-warmup']);
      await admin.disconnect();
      console.log(`kafka ready on 127.0.0.1:${port} (${topics.length} topics)`);
      process.exit(0);
    } catch (e) {
      lastErr = e;
      await admin.disconnect().catch(() => {});
    }
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  console.error(
    `kafka NOT ready on 127.0.0.1:${port} after ${timeoutMs / 1000}s: ${lastErr && lastErr.message}`,
  );
  process.exit(1);
})();
