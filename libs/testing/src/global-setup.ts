import { buildApps, provideInfrastructure } from './infrastructure';

/** Jest global setup of the integration project: real infrastructure, fresh names, built apps. */
export default async function globalSetup(): Promise<void> {
  const infrastructure = await provideInfrastructure();
  (globalThis as { __tongguanInfra?: typeof infrastructure }).__tongguanInfra = infrastructure;
  process.env.KAFKA_BROKERS = infrastructure.kafkaBrokers;
  process.env.MONGO_URI = infrastructure.mongoUri;
  // every run gets its own topic and database names, so runs never see each other's data
  process.env.TEST_RUN_ID ??= `r${Date.now().toString(36)}`;
  buildApps();
  process.stdout.write(
    `\ntest run ${process.env.TEST_RUN_ID}, infrastructure: ${infrastructure.kind} kafka=${infrastructure.kafkaBrokers} mongo=${infrastructure.mongoUri}\n`,
  );
}
