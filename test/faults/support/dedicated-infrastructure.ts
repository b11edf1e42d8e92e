import { REPO_ROOT } from '@tongguan/testing';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type Component = 'kafka' | 'mongo';

/**
 * A Kafka broker and a Mongo-wire server of the fault suite's own, started by the deploy/local scripts
 * on other ports and another data folder (sharing the installed jars), so that the suite can restart
 * them under load without touching the servers other tests and the developer use.
 */
export class DedicatedInfrastructure {
  readonly kafkaBrokers: string;
  readonly mongoUri: string;
  private readonly env: Record<string, string>;

  constructor(
    readonly kafkaPort = Number(process.env.FAULTS_KAFKA_PORT ?? 19092),
    readonly mongoPort = Number(process.env.FAULTS_MONGO_PORT ?? 37017),
    readonly localDir = path.join(REPO_ROOT, '.local', 'faults'),
  ) {
    this.kafkaBrokers = `127.0.0.1:${kafkaPort}`;
    this.mongoUri = `mongodb://127.0.0.1:${mongoPort}`;
    this.env = {
      LOCAL_DIR: localDir,
      LOCAL_INSTALL_DIR: path.join(REPO_ROOT, '.local'),
      KAFKA_PORT: String(kafkaPort),
      KAFKA_CONTROLLER_PORT: String(kafkaPort + 1),
      MONGO_PORT: String(mongoPort),
      // a restart of the broker under test should take seconds, not the default 30 s grace
      STOP_TIMEOUT: '20',
    };
  }

  /** Starts both from empty data (a fault run never inherits the previous run's topics or stores). */
  async startFresh(): Promise<void> {
    await this.script('down.sh');
    for (const dir of ['kafka/data', 'kafka/config', 'mongo/data']) {
      fs.rmSync(path.join(this.localDir, dir), { recursive: true, force: true });
    }
    await this.script('up.sh');
  }

  /** A clean stop and start of one server, as an operator's restart (or a rolling upgrade) does. */
  async restart(component: Component): Promise<void> {
    await this.script('down.sh', component);
    await this.script('up.sh', component);
  }

  async stop(): Promise<void> {
    await this.script('down.sh');
  }

  private async script(name: string, ...args: string[]): Promise<void> {
    await run('bash', [path.join(REPO_ROOT, 'deploy', 'local', name), ...args], {
      env: { ...process.env, ...this.env },
      maxBuffer: 16 * 1024 * 1024,
    });
  }
}
