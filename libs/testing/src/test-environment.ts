import { signToken, TOKEN_ISSUER, type Role } from '@tongguan/auth';

export const TEST_JWT_SECRET = 'tongguan-test-secret';

/**
 * Settings for the services one test file runs: its own topic prefix and database prefix under this
 * run's id, so files and runs never see each other's data.
 */
export function testEnvironment(
  fileSlug: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const runId = process.env.TEST_RUN_ID ?? `r${Date.now().toString(36)}`;
  const slug = fileSlug.replace(/[^a-zA-Z0-9]/g, '');
  if (!process.env.KAFKA_BROKERS || !process.env.MONGO_URI) {
    throw new Error(
      'KAFKA_BROKERS and MONGO_URI are unset: run integration tests through jest (its global setup provides them)',
    );
  }
  return {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    MONGO_URI: process.env.MONGO_URI,
    TOPIC_PREFIX: `${runId}.${slug}.`,
    MONGO_DB_PREFIX: `test_${runId}_${slug}_`,
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'warn',
    TOPIC_PARTITIONS: '3',
    ...extra,
  };
}

export function tokenFor(role: Role, party: string = role): string {
  return signToken({ role, party }, TEST_JWT_SECRET, TOKEN_ISSUER);
}

/** Polls until the check returns a value (not undefined/false) or the time is up. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
