import { buildApps } from './infrastructure';

/**
 * Jest global setup of the fault suite: the compiled apps it runs as processes, and a run id. The
 * suite starts its own broker and store (it restarts them), so it takes no KAFKA_BROKERS/MONGO_URI.
 */
export default function globalSetup(): void {
  process.env.TEST_RUN_ID ??= `f${Date.now().toString(36)}`;
  buildApps();
}
