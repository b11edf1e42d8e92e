import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ALL_TOPICS, deadLetterTopicOf } from '@tongguan/contracts';
import { createKafka, KafkaLogLevel } from '@tongguan/messaging';
import { dropDatabasesWithPrefix } from '@tongguan/persistence';
import { PlatformApi, type Service } from '../platform/platform-api';

const APPS: Record<Service, string> = {
  monitor: 'clearance-monitor',
  declaration: 'declaration',
  inspection: 'inspection',
  logistics: 'logistics-trading',
  port: 'port-exchange',
};

/** The repository root (where scripts/register-paths.js is), from source and from dist/ alike. */
export function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'scripts', 'register-paths.js'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`scripts/register-paths.js not found above ${__dirname}`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The five services as processes of their own (the compiled apps in dist/), on free ports, with a
 * topic prefix and database names of their own, so a scenario runs on a platform no other traffic
 * touches. Logs go to .local/logs/sim-<label>-<app>.log.
 */
export class IsolatedPlatform {
  private readonly children: ChildProcess[] = [];

  private constructor(
    readonly label: string,
    readonly api: PlatformApi,
    readonly env: Record<string, string>,
  ) {}

  get topicPrefix(): string {
    return this.env.TOPIC_PREFIX;
  }

  get mongoDbPrefix(): string {
    return this.env.MONGO_DB_PREFIX;
  }

  static async start(
    label: string,
    extraEnv: Record<string, string>,
    log: (line: string) => void,
  ): Promise<IsolatedPlatform> {
    const root = repoRoot();
    const tag = `${Date.now().toString(36)}${label
      .replace(/[^a-z0-9]/gi, '')
      .slice(0, 12)
      .toLowerCase()}`;
    const env: Record<string, string> = {
      KAFKA_BROKERS: process.env.KAFKA_BROKERS || '127.0.0.1:9092',
      MONGO_URI: process.env.MONGO_URI || 'mongodb://127.0.0.1:27017',
      TOPIC_PREFIX: `sim-${tag}.`,
      MONGO_DB_PREFIX: `sim_${tag}_`,
      TOPIC_PARTITIONS: '1',
      LOG_LEVEL: 'warn',
      ...(process.env.JWT_SECRET ? { JWT_SECRET: process.env.JWT_SECRET } : {}),
      ...extraEnv,
    };
    const ports = Object.fromEntries(
      await Promise.all(Object.keys(APPS).map(async (s) => [s, await freePort()] as const)),
    ) as Record<Service, number>;
    const platform = new IsolatedPlatform(label, PlatformApi.onHost('127.0.0.1', ports), env);
    await createTopics(env);
    const logDir = path.join(root, '.local', 'logs');
    fs.mkdirSync(logDir, { recursive: true });
    for (const [service, app] of Object.entries(APPS) as [Service, string][]) {
      const main = path.join(root, 'dist', 'apps', app, 'src', 'main.js');
      if (!fs.existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
      const out = fs.openSync(path.join(logDir, `sim-${label}-${app}.log`), 'w');
      const child = spawn(process.execPath, ['-r', path.join(root, 'scripts', 'register-paths.js'), main], {
        cwd: root,
        env: { ...process.env, ...env, PORT: String(ports[service]) },
        stdio: ['ignore', out, out],
      });
      platform.children.push(child);
    }
    // the services never outlive the simulator, however it ends (main turns Ctrl-C into an exit)
    const killAll = () => platform.children.forEach((c) => c.exitCode === null && c.kill('SIGTERM'));
    process.once('exit', killAll);
    log(
      `[${label}] starting the five services (topics ${env.TOPIC_PREFIX}*, databases ${env.MONGO_DB_PREFIX}*)`,
    );
    await platform.waitHealthy(root, ports);
    return platform;
  }

  private async waitHealthy(root: string, ports: Record<Service, number>): Promise<void> {
    const deadline = Date.now() + 180_000;
    for (const [service, port] of Object.entries(ports) as [Service, number][]) {
      for (;;) {
        const exited = this.children.find((c) => c.exitCode !== null);
        if (exited) {
          await this.stop();
          throw new Error(
            `a service exited during start; see ${path.join(root, '.local', 'logs')}/sim-${this.label}-*.log`,
          );
        }
        const ok = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(5_000) })
          .then((r) => r.status === 200)
          .catch(() => false);
        if (ok) break;
        if (Date.now() > deadline) {
          await this.stop();
          throw new Error(`${APPS[service]} of ${this.label} not healthy within 180 s`);
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}

/**
 * Creates the platform's topics (and their dead-letter topics) before the services start: five
 * services creating the same topics at once on a busy broker can see a topic before its partition
 * has a leader, and stop.
 */
async function createTopics(env: Record<string, string>): Promise<void> {
  const admin = createKafka('simulator-topics', env.KAFKA_BROKERS.split(','), {
    logLevel: KafkaLogLevel.ERROR,
  }).admin();
  await admin.connect();
  try {
    const topics = [...ALL_TOPICS, ...ALL_TOPICS.map(deadLetterTopicOf)].map(
      (t) => `${env.TOPIC_PREFIX}${t}`,
    );
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((topic) => ({ topic, numPartitions: Number(env.TOPIC_PARTITIONS) })),
    });
  } finally {
    await admin.disconnect();
  }
}

/** Drops the isolated platform's databases and topics (only names under its own prefixes). */
export async function dropPlatformData(
  platform: IsolatedPlatform,
  log: (line: string) => void,
): Promise<void> {
  try {
    const ours = await dropDatabasesWithPrefix(platform.env.MONGO_URI, platform.mongoDbPrefix);
    const admin = createKafka('simulator-cleanup', platform.env.KAFKA_BROKERS.split(','), {
      logLevel: KafkaLogLevel.ERROR,
    }).admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(platform.topicPrefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    await admin.disconnect();
    log(
      `[${platform.label}] dropped ${ours.length} databases and ${topics.length} topics (--keep-data keeps them)`,
    );
  } catch (error) {
    log(`[${platform.label}] could not drop its data: ${(error as Error).message}`);
  }
}
