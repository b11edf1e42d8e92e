// The raw throughput of the broker and the store on this machine, with the project's own clients and
// settings, for messages and documents of the pipeline's mean size: what the pipeline could reach if
// it did nothing but its Kafka messages and store commands. Own topic and database, removed afterwards.
const { randomBytes, randomUUID } = require('node:crypto');
const { summarise } = require('./stats');

/** A message of `bytes` (key + value + headers, as the bench consumer counts them) like the pipeline's. */
function messageOfSize(bytes, headers, index) {
  const key = `BNRAW${String(index).padStart(12, '0')}`;
  let headerBytes = 0;
  for (const [k, v] of Object.entries(headers)) headerBytes += k.length + (v?.length ?? 0);
  const bare = JSON.stringify({ shipmentId: key, pad: '' });
  const pad = Math.max(0, bytes - key.length - headerBytes - bare.length);
  return { key, value: JSON.stringify({ shipmentId: key, pad: 'x'.repeat(pad) }), headers };
}

/**
 * `messages` messages sent by `producers` producers at once (the services' settings: idempotent,
 * acks=all, one request in flight, the default partitioner), in batches of `batch` (the relay's), and
 * consumed by one consumer group; messages per second from the first send to the last message read.
 */
async function rawKafka(ctx, { messages, bytes, headers, producers, batch }) {
  const { kafka, options, log, now } = ctx;
  const id = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const topic = `bench.limit.${id}.raw`;
  const admin = kafka.admin();
  await admin.connect();
  const consumer = kafka.consumer({
    groupId: `bench.limit.${id}.raw-consumer`,
    allowAutoTopicCreation: false,
  });
  const senders = Array.from({ length: producers }, () =>
    kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: ctx.Partitioners.DefaultPartitioner,
    }),
  );
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: options.partitions, replicationFactor: 1 }],
    });
    await Promise.all(senders.map((p) => p.connect()));
    let consumed = 0;
    let allRead;
    const done = new Promise((resolve) => (allRead = resolve));
    const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: options.partitions,
      eachMessage: async () => {
        if (++consumed === messages) allRead(now());
      },
    });
    await joined;
    const payloads = Array.from({ length: messages }, (_, i) => messageOfSize(bytes, headers, i));
    let next = 0;
    const started = now();
    await Promise.all(
      senders.map(async (producer) => {
        while (next < messages) {
          const slice = payloads.slice(next, next + batch);
          next += slice.length;
          await producer.sendBatch({ acks: -1, topicMessages: [{ topic, messages: slice }] });
        }
      }),
    );
    const produced = now();
    const timeout = new Promise((_, reject) =>
      setTimeout(() => reject(new Error('raw consume timed out')), 300_000).unref(),
    );
    const finished = await Promise.race([done, timeout]);
    const result = {
      messages,
      messageBytes: bytes,
      producers,
      batch,
      partitions: options.partitions,
      producedPerSecond: Math.round(messages / ((produced - started) / 1000)),
      msgsPerSecond: Math.round(messages / ((finished - started) / 1000)),
    };
    log(`limit: kafka ${result.msgsPerSecond} msgs/s end to end (${result.producedPerSecond}/s produced)`);
    return result;
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await Promise.all(senders.map((p) => p.disconnect().catch(() => undefined)));
    await admin.deleteTopics({ topics: [topic], timeout: 30_000 }).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * `iterations` rounds of insertOne + findOne by _id + updateOne by _id, `concurrency` at once on one
 * client (the services' pool of 10), for documents of `bytes` BSON bytes; operations per second.
 */
async function rawStore(ctx, { iterations, bytes, concurrency }) {
  const { options, log, now, BSON } = ctx;
  const dbName = `bench_limit_${Date.now().toString(36)}${randomBytes(2).toString('hex')}_raw`;
  const client = new ctx.MongoClient(options.mongo, {
    maxPoolSize: concurrency,
    retryWrites: false,
    serverSelectionTimeoutMS: 10_000,
  });
  await client.connect();
  try {
    const docs = client.db(dbName).collection('docs');
    await docs.insertOne({ _id: 'created' }); // the collection exists before the clients race
    const base = { shipmentId: 'BNRAW000000000000', status: 'LODGED', version: 1, at: new Date(), pad: '' };
    const pad = 'x'.repeat(Math.max(0, bytes - BSON.calculateObjectSize({ _id: randomUUID(), ...base })));
    const timings = { insert: [], find: [], update: [] };
    const timed = async (kind, work) => {
      const t = now();
      await work();
      timings[kind].push(now() - t);
    };
    let next = 0;
    const started = now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < iterations) {
          next++;
          const _id = randomUUID();
          await timed('insert', () => docs.insertOne({ _id, ...base, pad }));
          await timed('find', () => docs.findOne({ _id }));
          await timed('update', () =>
            docs.updateOne({ _id }, { $set: { status: 'RELEASED' }, $inc: { version: 1 } }),
          );
        }
      }),
    );
    const seconds = (now() - started) / 1000;
    const latency = (kind) => {
      const { p50, p99 } = summarise(timings[kind]);
      return { p50, p99 };
    };
    const result = {
      iterations,
      operations: iterations * 3,
      documentBytes: bytes,
      concurrency,
      opsPerSecond: Math.round((iterations * 3) / seconds),
      latencyMs: { insertOne: latency('insert'), findOne: latency('find'), updateOne: latency('update') },
    };
    log(`limit: store ${result.opsPerSecond} ops/s (${concurrency} at once, ${bytes}-byte documents)`);
    return result;
  } finally {
    await client
      .db(dbName)
      .dropDatabase()
      .catch(() => undefined);
    await client.close();
  }
}

module.exports = { rawKafka, rawStore, messageOfSize };
