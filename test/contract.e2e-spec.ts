import { ServiceProcesses, TEST_JWT_SECRET, testEnvironment, type AppName } from '@tongguan/testing';
import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * The OpenAPI documents tell the truth: scripts/contract-check.sh (schemathesis, every default check,
 * a fixed seed and number of examples) runs over the document each of the five services serves, with
 * a token per role, and finds nothing. The services run on this file's own topics and databases; the
 * script's parties are unique per run, so a rerun never meets the last run's data.
 */
const APPS: AppName[] = [
  'clearance-monitor',
  'declaration',
  'inspection',
  'logistics-trading',
  'port-exchange',
];
const env = testEnvironment('contract');
const services = new ServiceProcesses(env);

beforeAll(async () => {
  await services.start(APPS);
}, 180_000);

afterAll(async () => {
  await services.stopAll();
});

it('schemathesis finds no failure of any check in any service document', async () => {
  const urls = APPS.map((app) => `${app}=${services.url(app)}`).join(' ');
  const { status, output } = await run('bash', [path.join('scripts', 'contract-check.sh')], {
    CONTRACT_URLS: urls,
    JWT_SECRET: TEST_JWT_SECRET,
  });
  if (status !== 0) process.stdout.write(output);
  expect(output).toMatch(/failures: 0/);
  expect(status).toBe(0);
}, 600_000);

function run(
  command: string,
  args: string[],
  extraEnv: Record<string, string>,
): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: path.resolve(__dirname, '..'),
      env: { ...process.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (status) => resolve({ status, output }));
  });
}
