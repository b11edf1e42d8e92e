// Creates the platform's topics (and their .dlq) and the ACL of every service, as the Kafka admin.
// docker compose runs it once as kafka-setup before the services start; on another cluster run it with
// the admin's credentials: KAFKA_BROKERS, KAFKA_SASL_MECHANISM/USERNAME/PASSWORD, KAFKA_SSL,
// KAFKA_REPLICATION_FACTOR (3 in production), TOPIC_PARTITIONS (6), TOPIC_PREFIX. Idempotent.
require('./register-paths');
const { createKafka, loadKafkaSettings, provisionKafkaAccess } = require('../dist/libs/messaging/src');

async function main() {
  const settings = loadKafkaSettings();
  const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',');
  const partitions = Number(process.env.TOPIC_PARTITIONS || 6);
  if (!Number.isInteger(partitions) || partitions < 1)
    throw new Error('TOPIC_PARTITIONS must be a positive integer');
  const kafka = createKafka('tongguan-kafka-setup', brokers, {}, settings);
  const { topicsCreated, rules } = await provisionKafkaAccess(kafka, {
    topicPrefix: process.env.TOPIC_PREFIX || '',
    partitions,
    replicationFactor: settings.replicationFactor,
  });
  console.log(
    `kafka-setup: ${topicsCreated.length} topics created (replication factor ${settings.replicationFactor}), ${rules} ACL rules in place`,
  );
}

main().catch((error) => {
  console.error(`kafka-setup failed: ${error.message}`);
  process.exit(1);
});
