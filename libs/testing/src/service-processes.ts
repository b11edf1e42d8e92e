import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from './infrastructure';
import { eventually } from './test-environment';

export type AppName =
  'declaration' | 'inspection' | 'logistics-trading' | 'port-exchange' | 'clearance-monitor';

interface Running {
  process: ChildProcess;
  port: number;
  env: Record<string, string>;
  exited: Promise<number | null>;
}

export async function freePort(): Promise<number> {
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
 * Runs compiled apps as real processes (what `npm start` runs), each on a free port, and waits until
 * GET /health says Kafka and Mongo are up. Logs go to .local/logs/test-<app>-<port>.log.
 */
export class ServiceProcesses {
  private readonly running = new Map<AppName, Running>();

  constructor(private readonly env: Record<string, string>) {}

  url(app: AppName): string {
    const entry = this.running.get(app);
    if (!entry) throw new Error(`${app} is not running`);
    return `http://127.0.0.1:${entry.port}`;
  }

  async start(
    apps: AppName[],
    extraEnv: Partial<Record<AppName, Record<string, string>>> = {},
  ): Promise<void> {
    await Promise.all(apps.map(async (app) => this.startOne(app, extraEnv[app] ?? {})));
  }

  private async startOne(app: AppName, extra: Record<string, string>, port?: number): Promise<void> {
    const main = path.join(REPO_ROOT, 'dist', 'apps', app, 'src', 'main.js');
    if (!fs.existsSync(main)) throw new Error(`${main} missing: run npm run build`);
    port ??= await freePort();
    const logDir = path.join(REPO_ROOT, '.local', 'logs');
    fs.mkdirSync(logDir, { recursive: true });
    const log = fs.openSync(path.join(logDir, `test-${app}-${port}.log`), 'a');
    const env = { ...process.env, ...this.env, ...extra, PORT: String(port) };
    const child = spawn(
      process.execPath,
      ['-r', path.join(REPO_ROOT, 'scripts', 'register-paths.js'), main],
      {
        cwd: REPO_ROOT,
        env,
        stdio: ['ignore', log, log],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    this.running.set(app, { process: child, port, env: { ...this.env, ...extra }, exited });
    let gone = false;
    void exited.then(() => (gone = true));
    await eventually(
      async () => {
        if (gone) throw new Error(`${app} exited during start; see .local/logs/test-${app}-${port}.log`);
        const response = await fetch(`http://127.0.0.1:${port}/health`);
        return response.status === 200;
      },
      // five cold starts at once take over a minute on a busy 2-core machine; within the 120 s hook timeout
      110_000,
      `${app} to become healthy`,
    );
  }

  /** Stops an app (SIGTERM, or SIGKILL to simulate a crash) and waits for it to be gone. */
  async stop(app: AppName, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const entry = this.running.get(app);
    if (!entry) return;
    entry.process.kill(signal);
    const timer = setTimeout(() => entry.process.kill('SIGKILL'), 10_000);
    await entry.exited;
    clearTimeout(timer);
    this.running.delete(app);
  }

  async restart(app: AppName, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const entry = this.running.get(app);
    if (!entry) throw new Error(`${app} is not running`);
    await this.stop(app, signal);
    await this.startOne(app, entry.env, entry.port);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((app) => this.stop(app)));
  }
}
