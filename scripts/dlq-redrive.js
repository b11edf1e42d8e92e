// Sends the dead letters of one topic back to their original topic, after the cause was fixed.
//   npm run dlq:redrive -- --topic declaration.events.v1.dlq [--type PaymentSettled] [--dry-run]
// Uses KAFKA_BROKERS, TOPIC_PREFIX and the KAFKA_SASL_* / KAFKA_SSL settings of the services.
// Idempotent: each dead letter keeps its ce_id (consumers skip what they already applied) and the
// redrive's own consumer group remembers how far it got, so running it again sends nothing twice.
require('./register-paths');
const { createKafka, redriveDeadLetters } = require('../dist/libs/messaging/src');

function parse(argv) {
  const options = { dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dry-run') options.dryRun = true;
    else if (arg === '--topic' || arg === '--type' || arg === '--group') {
      const value = argv[++i];
      if (!value || value.startsWith('--')) throw new Error(`${arg} needs a value`);
      options[arg.slice(2)] = value;
    } else throw new Error(`unknown argument ${arg}`);
  }
  if (!options.topic) throw new Error('--topic <topic>.dlq is required');
  return options;
}

async function main() {
  let options;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    console.error(
      `${error.message}\nusage: npm run dlq:redrive -- --topic <topic>.dlq [--type <ce_type or name>] [--dry-run] [--group <id>]`,
    );
    process.exit(2);
  }
  const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',');
  const kafka = createKafka('tongguan-dlq-redrive', brokers);
  const counts = await redriveDeadLetters(kafka, {
    ...options,
    topicPrefix: process.env.TOPIC_PREFIX || '',
  });
  const verb = options.dryRun ? 'would redrive' : 'redriven';
  console.log(
    `${options.topic}: read ${counts.read}, ${verb} ${counts.redriven}, other type ${counts.otherType}, unroutable ${counts.unroutable}`,
  );
}

main().catch((error) => {
  console.error(`dlq:redrive failed: ${error.message}`);
  process.exit(1);
});
