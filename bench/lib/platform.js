/* global AbortSignal */
// One platform under test: the five compiled services of a checkout (N processes each with
// --instances), on topics and databases of their own that no other run sees, removed afterwards.
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { setInterval, clearInterval } = require('node:timers');
const { setTimeout: sleep } = require('node:timers/promises');

const APPS = ['port-exchange', 'declaration', 'inspection', 'logistics-trading', 'clearance-monitor'];
/** Topics the services publish on (clearance alerts included: they are messages of the pipeline too). */
const TOPICS = [
  'declaration.events.v1',
  'inspection.events.v1',
  'logistics.events.v1',
  'port.events.v1',
  'clearance.alerts.v1',
];
const HEALTH_TIMEOUT_MS = 180_000;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

class Platform {
  /** ctx: the bench's clients and options; repo: the checkout whose dist/ runs. */
  constructor(ctx, repo, runId) {
    this.ctx = ctx;
    this.repo = repo;
    this.runId = runId;
    this.topicPrefix = `bench.${runId}.`;
    this.dbPrefix = `bench_${runId}_`;
    this.secret = `tongguan-bench-${randomBytes(8).toString('hex')}`;
    this.logDir = path.join(os.tmpdir(), `tongguan-bench-${runId}`);
    /** [{ app, instance, child, port, url, exited }] */
    this.processes = [];
    this.next = new Map();
    this.tokens = new Map();
    // a checkout from before manifests were announced as events: nothing to wait for before lodging
    this.announcesManifests = fs.existsSync(
      path.join(repo, 'dist', 'libs', 'contracts', 'src', 'port', 'bill-of-lading-manifested.event.js'),
    );
  }

  token(role, party) {
    const key = `${role}:${party}`;
    if (!this.tokens.has(key)) {
      const options = { algorithm: 'HS256', subject: party, issuer: 'tongguan', expiresIn: 12 * 3600 };
      this.tokens.set(key, this.ctx.jwt.sign({ role, party }, this.secret, options));
    }
    return this.tokens.get(key);
  }

  /** The next instance of `app`, round-robin. */
  url(app) {
    const instances = this.processes.filter((p) => p.app === app);
    const i = this.next.get(app) ?? 0;
    this.next.set(app, (i + 1) % instances.length);
    return instances[i % instances.length].url;
  }

  urls() {
    return this.processes.map((p) => p.url);
  }

  /** [{ name, pid }] of the running service processes, for the CPU and memory watch. */
  pids() {
    return this.processes
      .filter((p) => !p.exited)
      .map((p) => ({ name: `${p.app}${p.instances > 1 ? `#${p.instance}` : ''}`, pid: p.child.pid }));
  }

  /** [[app, database]]: each service's database (ServiceConfig.mongoDbName). */
  databases() {
    return APPS.map((app) => [app, `${this.dbPrefix}${app.replace(/-/g, '_')}`]);
  }

  async createTopics() {
    const admin = this.ctx.kafka.admin();
    await admin.connect();
    try {
      const topics = TOPICS.flatMap((t) => [t, `${t}.dlq`]).map((t) => `${this.topicPrefix}${t}`);
      const numPartitions = this.ctx.options.partitions;
      await admin.createTopics({
        waitForLeaders: true,
        topics: topics.map((topic) => ({ topic, numPartitions, replicationFactor: 1 })),
      });
    } finally {
      await admin.disconnect();
    }
  }

  async start() {
    const { options } = this.ctx;
    fs.mkdirSync(this.logDir, { recursive: true });
    const env = {
      ...process.env,
      KAFKA_BROKERS: options.brokers.join(','),
      MONGO_URI: options.mongo,
      TOPIC_PREFIX: this.topicPrefix,
      MONGO_DB_PREFIX: this.dbPrefix,
      TOPIC_PARTITIONS: String(options.partitions),
      NODE_ENV: 'test',
      JWT_SECRET: this.secret,
      LOG_LEVEL: 'warn',
      RISK_RANDOM_RATE: '0',
      INSPECTION_CALENDAR: 'continuous',
      ...options.env,
    };
    for (const key of ['CLOCK_EPOCH', 'CLOCK_SPEED', 'CLOCK_ANCHOR'])
      if (!(key in options.env)) delete env[key];
    const instances = options.instances;
    const plan = APPS.flatMap((app) => Array.from({ length: instances }, (_, i) => [app, i + 1]));
    for (const [app, instance] of plan) {
      const port = await freePort();
      const main = path.join(this.repo, 'dist', 'apps', app, 'src', 'main.js');
      if (!fs.existsSync(main)) throw new Error(`${main} missing: build ${this.repo} (or drop --no-build)`);
      const name = instances > 1 ? `${app}-${instance}` : app;
      const out = fs.openSync(path.join(this.logDir, `${name}.log`), 'a');
      const preload = ['-r', path.join(this.repo, 'scripts', 'register-paths.js')];
      if (options.profile) preload.push('-r', path.join(__dirname, '..', 'cpu-profile.js'));
      const profileEnv = options.profile
        ? { BENCH_PROFILE_DIR: path.resolve(options.profile), BENCH_PROFILE_NAME: name }
        : {};
      const child = spawn(process.execPath, [...preload, main], {
        cwd: this.repo,
        env: { ...env, PORT: String(port), ...profileEnv },
        stdio: ['ignore', out, out],
      });
      fs.closeSync(out);
      const entry = { app, instance, instances, child, port, url: `http://127.0.0.1:${port}`, exited: false };
      child.once('exit', () => (entry.exited = true));
      this.processes.push(entry);
    }
    const deadline = Date.now() + HEALTH_TIMEOUT_MS;
    await Promise.all(this.processes.map((entry) => this.healthy(entry, deadline)));
  }

  async healthy(entry, deadline) {
    const name = `${entry.app}${entry.instances > 1 ? `-${entry.instance}` : ''}`;
    for (;;) {
      if (entry.exited) throw new Error(`${name} exited during start; see ${this.logDir}/${name}.log`);
      try {
        const response = await fetch(`${entry.url}/health`, { signal: AbortSignal.timeout(5_000) });
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`${name} not healthy after ${HEALTH_TIMEOUT_MS / 1000} s`);
      await sleep(500);
    }
  }

  /** Starts or stops (and writes) the CPU profiles of --profile. */
  async toggleProfiles() {
    if (!this.ctx.options.profile) return;
    for (const entry of this.processes) if (!entry.exited) entry.child.kill('SIGWINCH');
    await sleep(3_000);
  }

  async stop() {
    await Promise.all(
      this.processes.map(async (entry) => {
        if (entry.exited) return;
        const gone = new Promise((resolve) => entry.child.once('exit', resolve));
        entry.child.kill('SIGTERM');
        const timer = setInterval(() => entry.child.kill('SIGKILL'), 10_000);
        await gone;
        clearInterval(timer);
      }),
    );
    this.processes = [];
  }

  /** Drops the run's databases and deletes its topics. */
  async removeData() {
    const client = new this.ctx.MongoClient(this.ctx.options.mongo, { serverSelectionTimeoutMS: 10_000 });
    try {
      await client.connect();
      const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
      for (const { name } of databases) {
        if (name.startsWith(this.dbPrefix)) await client.db(name).dropDatabase();
      }
    } finally {
      await client.close();
    }
    const admin = this.ctx.kafka.admin();
    await admin.connect();
    try {
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(this.topicPrefix));
      if (topics.length) await admin.deleteTopics({ topics, timeout: 30_000 });
    } finally {
      await admin.disconnect();
    }
  }
}

module.exports = { Platform, APPS, TOPICS };
