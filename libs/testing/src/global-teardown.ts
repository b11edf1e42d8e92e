import type { Infrastructure } from './infrastructure';
import { removeTestRunData } from './test-data-cleanup';

export default async function globalTeardown(): Promise<void> {
  const infrastructure = (globalThis as { __tongguanInfra?: Infrastructure }).__tongguanInfra;
  const runId = process.env.TEST_RUN_ID;
  if (infrastructure && runId && process.env.KEEP_TEST_DATA !== '1') {
    await removeTestRunData(runId, infrastructure.kafkaBrokers, infrastructure.mongoUri).catch(
      (error: unknown) =>
        process.stderr.write(`could not remove the data of test run ${runId}: ${(error as Error).message}\n`),
    );
  }
  await infrastructure?.stop();
}
