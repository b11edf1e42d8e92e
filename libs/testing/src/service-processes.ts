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

/** How start() runs each app. */
export interface StartOptions {
  /**
   * Processes per app (default 1): instances of one app share its database, topics and consumer
   * group, as when the service is scaled out, so Kafka spreads the partitions over them.
   */
  instances?: number;
}

/**
 * Runs compiled apps as real processes (what `npm start` runs), each on a free port, and waits until
 * GET /health says Kafka and Mongo are up. Logs go to .local/logs/test-<app>-<port>.log. An app may run
 * as several instances (see StartOptions); url(app) is its first, urls(app) all of them in start order.
 */
export class ServiceProcesses {
  private readonly running = new Map<AppName, Running[]>();

  constructor(private readonly env: Record<string, string>) {}

  url(app: AppName, instance = 0): string {
    const entry = this.running.get(app)?.[instance];
    if (!entry) throw new Error(`${app} instance ${instance} is not running`);
    return `http://127.0.0.1:${entry.port}`;
  }

  /** The base URL of every running instance of the app, in start order (stopped ones left out). */
  urls(app: AppName): string[] {
    const entries = (this.running.get(app) ?? []).filter((entry) => entry !== undefined);
    if (entries.length === 0) throw new Error(`${app} is not running`);
    return entries.map((entry) => `http://127.0.0.1:${entry.port}`);
  }

  /** Starts the apps (each as options.instances processes, all at once); more instances join running ones. */
  async start(
    apps: AppName[],
    extraEnv: Partial<Record<AppName, Record<string, string>>> = {},
    options: StartOptions = {},
  ): Promise<void> {
    const instances = options.instances ?? 1;
    if (!Number.isInteger(instances) || instances < 1)
      throw new Error(`instances must be >= 1, got ${instances}`);
    await Promise.all(
      apps.flatMap((app) => {
        const entries = this.running.get(app) ?? [];
        this.running.set(app, entries);
        // the slots are taken now, so the instances keep the order they were asked for in
        const first = entries.length;
        entries.length += instances;
        return Array.from({ length: instances }, (_, i) =>
          this.startOne(app, first + i, extraEnv[app] ?? {}),
        );
      }),
    );
  }

  private async startOne(
    app: AppName,
    instance: number,
    extra: Record<string, string>,
    port?: number,
  ): Promise<void> {
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
    this.entries(app)[instance] = { process: child, port, env: { ...this.env, ...extra }, exited };
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

  private entries(app: AppName): Running[] {
    const entries = this.running.get(app);
    if (!entries) throw new Error(`${app} is not running`);
    return entries;
  }

  /**
   * Stops an app (SIGTERM, or SIGKILL to simulate a crash) and waits for it to be gone: every instance,
   * or only the given one (the others keep their places in urls()).
   */
  async stop(app: AppName, signal: NodeJS.Signals = 'SIGTERM', instance?: number): Promise<void> {
    const entries = this.running.get(app);
    if (!entries) return;
    const which = instance === undefined ? [...entries.keys()] : [instance];
    await Promise.all(
      which.map(async (i) => {
        const entry = entries[i];
        if (!entry) return;
        entry.process.kill(signal);
        const timer = setTimeout(() => entry.process.kill('SIGKILL'), 10_000);
        await entry.exited;
        clearTimeout(timer);
        delete entries[i];
      }),
    );
    if (entries.every((entry) => entry === undefined)) this.running.delete(app);
  }

  /** Restarts every instance of the app, or only the given one, on the same port and settings. */
  async restart(app: AppName, signal: NodeJS.Signals = 'SIGKILL', instance?: number): Promise<void> {
    const entries = this.running.get(app);
    if (!entries || (instance !== undefined && !entries[instance])) {
      throw new Error(`${app} is not running`);
    }
    const which = instance === undefined ? [...entries.keys()] : [instance];
    const previous = which.map((i) => ({ i, entry: entries[i] }));
    await this.stop(app, signal, instance);
    // stop() forgets an app whose last instance stopped: keep its places for the restart
    this.running.set(app, entries);
    await Promise.all(
      previous.map(({ i, entry }) => (entry ? this.startOne(app, i, entry.env, entry.port) : undefined)),
    );
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((app) => this.stop(app)));
  }
}
