import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';

/**
 * Removes what one test run created: its topics and its databases. Refuses any database whose name
 * does not mark it as a test database, so a mistaken prefix can never touch real data.
 */
export async function removeTestRunData(runId: string, brokers: string, mongoUri: string): Promise<void> {
  const databasePrefix = `test_${runId}_`;
  if (!/^test_r[a-z0-9]+_$/.test(databasePrefix))
    throw new Error(`refusing to clean "${databasePrefix}": not a test run prefix`);
  const client = new mongoose.mongo.MongoClient(mongoUri, { serverSelectionTimeoutMS: 5_000 });
  try {
    const { databases } = await client.db().admin().listDatabases({ nameOnly: true });
    for (const { name } of databases) {
      if (name.startsWith(databasePrefix)) await client.db(name).dropDatabase();
    }
  } finally {
    await client.close();
  }
  // plain kafkajs: jest's global teardown does not resolve the @tongguan/* aliases
  const admin = new Kafka({
    clientId: 'test-cleanup',
    brokers: brokers.split(','),
    logLevel: logLevel.WARN,
  }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${runId}.`));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}
