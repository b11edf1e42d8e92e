import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Compiles the apps into dist/: the tests run them as real processes, as `npm start` does. */
export function buildApps(): void {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
}

export interface Infrastructure {
  kafkaBrokers: string;
  mongoUri: string;
  kind: 'environment' | 'testcontainers' | 'local';
  stop: () => Promise<void>;
}

/**
 * Where the tests get a real broker and a real Mongo-wire server: KAFKA_BROKERS/MONGO_URI when set,
 * else testcontainers when a Docker engine answers, else the deploy/local scripts (started if needed,
 * stopped afterwards only if this run started them).
 */
export async function provideInfrastructure(env = process.env): Promise<Infrastructure> {
  if (env.KAFKA_BROKERS && env.MONGO_URI) {
    return {
      kafkaBrokers: env.KAFKA_BROKERS,
      mongoUri: env.MONGO_URI,
      kind: 'environment',
      stop: async () => {},
    };
  }
  if (dockerAnswers()) return startContainers();
  return startLocal();
}

function dockerAnswers(): boolean {
  const result = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], {
    stdio: 'ignore',
    timeout: 5_000,
  });
  return result.status === 0;
}

async function startContainers(): Promise<Infrastructure> {
  const { ApacheKafkaContainer, KAFKA_CLIENT_PORT } = await import('./kafka-container');
  const { MongoDBContainer } = await import('@testcontainers/mongodb');
  const [kafka, mongo] = await Promise.all([
    new ApacheKafkaContainer().start(),
    new MongoDBContainer('mongo:7').start(),
  ]);
  return {
    kafkaBrokers: `${kafka.getHost()}:${kafka.getMappedPort(KAFKA_CLIENT_PORT)}`,
    mongoUri: `${mongo.getConnectionString()}/?directConnection=true`,
    kind: 'testcontainers',
    stop: async () => {
      await Promise.all([kafka.stop(), mongo.stop()]);
    },
  };
}

async function startLocal(): Promise<Infrastructure> {
  const script = (name: string) => path.join(REPO_ROOT, 'deploy', 'local', name);
  const wasRunning = spawnSync('bash', [script('status.sh')], { stdio: 'ignore' }).status === 0;
  if (!wasRunning) execFileSync('bash', [script('up.sh')], { stdio: 'inherit' });
  return {
    kafkaBrokers: `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`,
    mongoUri: `mongodb://127.0.0.1:${process.env.MONGO_PORT ?? 27017}`,
    kind: 'local',
    stop: async () => {
      if (!wasRunning && process.env.KEEP_INFRA !== '1')
        execFileSync('bash', [script('down.sh')], { stdio: 'inherit' });
    },
  };
}
