import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, REPO_ROOT } from '@tongguan/testing';

/**
 * A Mongo-wire server of this test's own (mongo-java-server as deploy/local installs it, its data in a
 * temp file), so the test can take the store away and bring it back without touching the shared one.
 */
export class OwnMongo {
  private process: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongguan-own-mongo-'));

  private constructor(readonly port: number) {}

  static async start(): Promise<OwnMongo> {
    const mongo = new OwnMongo(await freePort());
    await mongo.up();
    return mongo;
  }

  get uri(): string {
    return `mongodb://127.0.0.1:${this.port}`;
  }

  /** Starts the server on the same port and data file, and waits until it accepts connections. */
  async up(): Promise<void> {
    const libs = mongoLibs();
    const log = fs.openSync(path.join(this.dir, 'mongo.log'), 'a');
    const child = spawn(
      'java',
      [
        '-Xmx256m',
        '-XX:+UseSerialGC',
        '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn',
        '-cp',
        `${libs}:${libs}/*`,
        'MongoServerMain',
        '--host',
        '127.0.0.1',
        '--port',
        String(this.port),
        '--data',
        path.join(this.dir, 'data.mv'),
      ],
      { stdio: ['ignore', log, log] },
    );
    this.process = child;
    this.exited = new Promise((resolve) => child.once('exit', () => (fs.closeSync(log), resolve())));
    const deadline = Date.now() + 30_000;
    while (!(await accepts(this.port))) {
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(
          `own mongo did not start: ${fs.readFileSync(path.join(this.dir, 'mongo.log'), 'utf8')}`,
        );
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** The store goes away at once, as a crashed server or a cut network would. */
  async kill(): Promise<void> {
    if (this.process && this.process.exitCode === null) this.process.kill('SIGKILL');
    await this.exited;
    this.process = null;
  }

  async stop(): Promise<void> {
    await this.kill();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

function mongoLibs(): string {
  const localDir = process.env.LOCAL_DIR ?? path.join(REPO_ROOT, '.local');
  const libs = path.join(localDir, 'mongo', 'libs');
  if (!fs.existsSync(path.join(libs, '.installed'))) {
    execFileSync('bash', [path.join(REPO_ROOT, 'deploy', 'local', 'install.sh'), 'mongo'], {
      stdio: 'inherit',
      env: { ...process.env, LOCAL_DIR: localDir },
    });
  }
  return libs;
}
