#!/usr/bin/env node
// Lists the platform's topics, or prints the last messages of one with their CloudEvents headers:
//   npm run -s events                          topics with message counts
//   npm run -s events -- port.events.v1 [n]    the last n (default 10) messages of a topic
const { Kafka, logLevel } = require('kafkajs');

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const kafka = new Kafka({ clientId: 'tongguan-events-cli', brokers, logLevel: logLevel.NOTHING });
const [topic, countArg] = process.argv.slice(2);
const count = Number(countArg ?? 10);

async function listTopics(admin) {
  const topics = (await admin.listTopics()).filter((t) => !t.startsWith('__')).sort();
  for (const name of topics) {
    const offsets = await admin.fetchTopicOffsets(name);
    const messages = offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
    console.log(`${name.padEnd(40)} ${offsets.length} partitions  ${messages} messages`);
  }
}

async function tail(admin) {
  const offsets = await admin.fetchTopicOffsets(topic);
  const consumer = kafka.consumer({ groupId: `tongguan-events-cli-${process.pid}-${Date.now()}` });
  const wanted = offsets.reduce((sum, p) => sum + Math.min(count, Number(p.high) - Number(p.low)), 0);
  const seen = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const done = new Promise((resolve) => {
    if (wanted === 0) resolve();
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
        );
        seen.push({
          partition,
          offset: message.offset,
          key: message.key?.toString(),
          headers,
          value: message.value?.toString(),
        });
        if (seen.length >= wanted) resolve();
      },
    });
    setTimeout(resolve, 15_000);
  });
  await done;
  seen.sort((a, b) => (a.headers.ce_time ?? '').localeCompare(b.headers.ce_time ?? ''));
  for (const m of seen.slice(-count)) console.log(JSON.stringify(m));
  await consumer.disconnect();
}

(async () => {
  const admin = kafka.admin();
  await admin.connect();
  if (topic) {
    await tail(admin);
  } else {
    await listTopics(admin);
  }
  await admin.disconnect();
})().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
