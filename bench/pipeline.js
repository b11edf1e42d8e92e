#!/usr/bin/env node
/* global AbortSignal */
// End-to-end pipeline benchmark: starts the five compiled services of a checkout on their own topics and
// databases, drives shipments through the whole pipeline over the public HTTP APIs at a fixed offered
// rate (vessel call, manifest, discharge, declaration; the officer decides every inspection task and the
// importer settles every payment as soon as the events say so) and measures lodge -> ShipmentReleased.
//
//   node bench/pipeline.js [--rates 5,10] [--duration 60 | --count N] [--closed 20,40]
//                          [--mongo mongodb://127.0.0.1:27017] [--kafka 127.0.0.1:9092] [--repo PATH]
//                          [--json FILE] [--no-build] [--drain 90] [--warmup 3] [--mix 6,3,1]
//                          [--partitions 3] [--env KEY=VALUE]... [--keep-data]
//
// --rates      offered rates, shipments per second (open loop: a shipment starts on schedule whatever
//              the platform does); each rate runs on freshly started services with a fresh TOPIC_PREFIX
//              and MONGO_DB_PREFIX, so no run sees another's data
// --closed     instead (or as well): closed loop with this many shipments in flight, one run per value
// --duration   seconds each run offers shipments (default 60); --count N offers N shipments instead
// --drain      seconds to wait after the last offer for the shipments in flight (default 90)
// --repo       the checkout whose services run (default this script's); built first with
//              `npx tsc -p tsconfig.build.json` unless --no-build
// --mix        green,yellow,red weights of the shipments (GREEN: no check; YELLOW: document check of frozen
//              fish; RED: physical inspection of goods from a high-risk origin); RISK_RANDOM_RATE is 0
// --env        extra environment for every service (e.g. --env MONGO_POOL_SIZE=1); repeatable
// --profile    DIR: CPU-profiles every service over the measured window (offer and drain, not the
//              warm-up) into DIR/<service>-<pid>.cpuprofile; summarise with bench/profile-summary.js
// --keep-data  leaves the run's databases and topics in place (default: dropped and deleted at the end)
// The business clock is real time; inspection counts time limits in continuous hours. Service logs go
// to a folder under the system temp dir (printed). Latencies are wall clock, measured by this process:
// from sending POST /v1/declarations to reading ShipmentReleased on Kafka.
const { spawn, execFileSync } = require('node:child_process');
const { randomUUID, randomBytes } = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { clearTimeout, setInterval, clearInterval } = require('node:timers');
const { setTimeout: sleep } = require('node:timers/promises');
const { performance } = require('node:perf_hooks');

const APPS = ['port-exchange', 'declaration', 'inspection', 'logistics-trading', 'clearance-monitor'];
const EVENT_TOPICS = [
  'declaration.events.v1',
  'inspection.events.v1',
  'logistics.events.v1',
  'port.events.v1',
];
const ALL_TOPICS = [...EVENT_TOPICS, 'clearance.alerts.v1'];
const HTTP_TIMEOUT_MS = 60_000;
const HEALTH_TIMEOUT_MS = 180_000;

// ---------------------------------------------------------------- options
const args = process.argv.slice(2);
const KNOWN = new Set([
  'rates',
  'closed',
  'duration',
  'count',
  'drain',
  'warmup',
  'repo',
  'mongo',
  'kafka',
  'json',
  'mix',
  'partitions',
  'env',
  'no-build',
  'keep-data',
  'profile',
  'help',
]);
const FLAGS = new Set(['no-build', 'keep-data', 'help']);
const options = { env: [] };
for (let i = 0; i < args.length; i++) {
  const name = args[i].replace(/^--/, '');
  if (!args[i].startsWith('--') || !KNOWN.has(name)) usage(`unknown argument ${args[i]}`);
  if (FLAGS.has(name)) options[name] = true;
  else if (i + 1 >= args.length) usage(`--${name} needs a value`);
  else if (name === 'env') options.env.push(args[++i]);
  else options[name] = args[++i];
}
if (options.help) usage();

function usage(problem) {
  const text = fs.readFileSync(path.join(__dirname, 'pipeline.js'), 'utf8').split('\n').slice(2);
  const header = text
    .slice(
      0,
      text.findIndex((line) => !line.startsWith('//')),
    )
    .map((line) => line.slice(3))
    .join('\n');
  process.stderr.write(`${problem ? `${problem}\n\n` : ''}${header}\n`);
  process.exit(problem ? 2 : 0);
}

const numbers = (text) =>
  text === undefined || text === ''
    ? []
    : String(text)
        .split(',')
        .map((v) => Number(v));
const rates = numbers(options.rates ?? (options.closed ? '' : '5,10'));
const closed = numbers(options.closed);
const duration = Number(options.duration ?? 60);
const count = options.count === undefined ? undefined : Number(options.count);
const drainSeconds = Number(options.drain ?? 90);
const warmup = Number(options.warmup ?? 3);
const repo = path.resolve(options.repo ?? path.join(__dirname, '..'));
const mongoUri = options.mongo ?? 'mongodb://127.0.0.1:27017';
const brokers = (options.kafka ?? '127.0.0.1:9092').split(',');
const partitions = Number(options.partitions ?? 3);
const mix = numbers(options.mix ?? '6,3,1');
const extraEnv = Object.fromEntries(
  options.env.map((pair) => {
    const at = pair.indexOf('=');
    if (at <= 0) usage(`--env wants KEY=VALUE, got ${pair}`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  }),
);
if (
  [...rates, ...closed].some((r) => !(r > 0)) ||
  rates.length + closed.length === 0 ||
  !(duration > 0) ||
  (count !== undefined && !(count > 0 && Number.isInteger(count))) ||
  !(drainSeconds >= 0) ||
  !(warmup >= 0) ||
  !(partitions > 0) ||
  mix.length !== 3 ||
  mix.some((w) => !(w >= 0)) ||
  mix.every((w) => w === 0)
) {
  usage('bad option value');
}
if (!fs.existsSync(path.join(repo, 'tsconfig.build.json'))) usage(`${repo} is not a Tongguan checkout`);

// the repo's own dependencies (kafkajs, mongodb, jsonwebtoken), resolved from the checkout that runs
const requireFromRepo = (name) => require(require.resolve(name, { paths: [repo, __dirname] }));
const { Kafka, logLevel } = requireFromRepo('kafkajs');
const { MongoClient } = requireFromRepo('mongodb');
const jwt = requireFromRepo('jsonwebtoken');

// ---------------------------------------------------------------- helpers
const now = () => performance.now();
const log = (text) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${text}\n`);

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

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

// ISO 6346 letter values skip multiples of 11; weights are 2^position; mod 11, 10 -> 0
const LETTERS = {};
for (let letter = 0, value = 10; letter < 26; letter++, value++) {
  if (value % 11 === 0) value++;
  LETTERS[String.fromCharCode(65 + letter)] = value;
}
function containerNumber(owner, serial) {
  const firstTen = `${owner}${String(serial).padStart(6, '0')}`;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (i < 4 ? LETTERS[firstTen[i]] : Number(firstTen[i])) * 2 ** i;
  return `${firstTen}${(sum % 11) % 10}`;
}

/** The shipment kinds of --mix: what is declared decides the risk channel (RISK_RANDOM_RATE=0). */
const KINDS = {
  GREEN: {
    hsCode: '870323',
    description: 'Passenger car, petrol engine 1.5-3.0 l',
    originCountry: 'DE',
    quantity: 2,
    unit: 'NAR',
    netWeightKg: 2900,
    customsValue: 40000,
  },
  YELLOW: {
    hsCode: '030389',
    description: 'Frozen fish',
    originCountry: 'NO',
    quantity: 2900,
    unit: 'KGM',
    netWeightKg: 2900,
    customsValue: 18000,
  },
  RED: {
    hsCode: '870323',
    description: 'Passenger car, petrol engine 1.5-3.0 l',
    originCountry: 'IR',
    quantity: 2,
    unit: 'NAR',
    netWeightKg: 2900,
    customsValue: 40000,
  },
};
const KIND_CYCLE = ['GREEN', 'YELLOW', 'RED'].flatMap((kind, i) => Array(mix[i]).fill(kind));
const TRADERS = 10;

// ---------------------------------------------------------------- one platform
class Platform {
  constructor(runId) {
    this.runId = runId;
    this.topicPrefix = `bench.${runId}.`;
    this.dbPrefix = `bench_${runId}_`;
    this.secret = `tongguan-bench-${randomBytes(8).toString('hex')}`;
    this.logDir = path.join(os.tmpdir(), `tongguan-bench-${runId}`);
    this.children = new Map();
    this.urls = {};
    this.tokens = new Map();
  }

  token(role, party) {
    const key = `${role}:${party}`;
    if (!this.tokens.has(key)) {
      this.tokens.set(
        key,
        jwt.sign({ role, party }, this.secret, {
          algorithm: 'HS256',
          subject: party,
          issuer: 'tongguan',
          expiresIn: 12 * 3600,
        }),
      );
    }
    return this.tokens.get(key);
  }

  async createTopics() {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topics = ALL_TOPICS.flatMap((t) => [t, `${t}.dlq`]).map((t) => `${this.topicPrefix}${t}`);
      await admin.createTopics({
        waitForLeaders: true,
        topics: topics.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
      });
    } finally {
      await admin.disconnect();
    }
  }

  async start() {
    fs.mkdirSync(this.logDir, { recursive: true });
    const env = {
      ...process.env,
      KAFKA_BROKERS: brokers.join(','),
      MONGO_URI: mongoUri,
      TOPIC_PREFIX: this.topicPrefix,
      MONGO_DB_PREFIX: this.dbPrefix,
      TOPIC_PARTITIONS: String(partitions),
      NODE_ENV: 'test',
      JWT_SECRET: this.secret,
      LOG_LEVEL: 'warn',
      RISK_RANDOM_RATE: '0',
      INSPECTION_CALENDAR: 'continuous',
      ...extraEnv,
    };
    for (const key of ['CLOCK_EPOCH', 'CLOCK_SPEED', 'CLOCK_ANCHOR']) if (!(key in extraEnv)) delete env[key];
    await Promise.all(
      APPS.map(async (app) => {
        const port = await freePort();
        const main = path.join(repo, 'dist', 'apps', app, 'src', 'main.js');
        if (!fs.existsSync(main)) throw new Error(`${main} missing: build ${repo} (or drop --no-build)`);
        const out = fs.openSync(path.join(this.logDir, `${app}.log`), 'a');
        const preload = ['-r', path.join(repo, 'scripts', 'register-paths.js')];
        if (options.profile) preload.push('-r', path.join(__dirname, 'cpu-profile.js'));
        const child = spawn(process.execPath, [...preload, main], {
          cwd: repo,
          env: {
            ...env,
            PORT: String(port),
            ...(options.profile
              ? { BENCH_PROFILE_DIR: path.resolve(options.profile), BENCH_PROFILE_NAME: app }
              : {}),
          },
          stdio: ['ignore', out, out],
        });
        fs.closeSync(out);
        const entry = { child, port, exited: false };
        child.once('exit', () => (entry.exited = true));
        this.children.set(app, entry);
        this.urls[app] = `http://127.0.0.1:${port}`;
      }),
    );
    const deadline = Date.now() + HEALTH_TIMEOUT_MS;
    await Promise.all(
      APPS.map(async (app) => {
        const entry = this.children.get(app);
        for (;;) {
          if (entry.exited) throw new Error(`${app} exited during start; see ${this.logDir}/${app}.log`);
          try {
            const response = await fetch(`${this.urls[app]}/health`, { signal: AbortSignal.timeout(5_000) });
            if (response.status === 200) return;
          } catch {
            // not listening yet
          }
          if (Date.now() > deadline)
            throw new Error(`${app} not healthy after ${HEALTH_TIMEOUT_MS / 1000} s`);
          await sleep(500);
        }
      }),
    );
  }

  /** Starts or stops (and writes) the CPU profiles of --profile. */
  async toggleProfiles() {
    if (!options.profile) return;
    for (const entry of this.children.values()) if (!entry.exited) entry.child.kill('SIGWINCH');
    await sleep(3_000);
  }

  async stop() {
    await Promise.all(
      [...this.children.values()].map(async (entry) => {
        if (entry.exited) return;
        const gone = new Promise((resolve) => entry.child.once('exit', resolve));
        entry.child.kill('SIGTERM');
        const timer = setInterval(() => entry.child.kill('SIGKILL'), 10_000);
        await gone;
        clearInterval(timer);
      }),
    );
    this.children.clear();
  }

  /** Drops the run's databases and deletes its topics. */
  async removeData() {
    const client = new MongoClient(mongoUri, { serverSelectionTimeoutMS: 10_000 });
    try {
      await client.connect();
      const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
      for (const { name } of databases) {
        if (name.startsWith(this.dbPrefix)) await client.db(name).dropDatabase();
      }
    } finally {
      await client.close();
    }
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(this.topicPrefix));
      if (topics.length) await admin.deleteTopics({ topics, timeout: 30_000 });
    } finally {
      await admin.disconnect();
    }
  }
}

// ---------------------------------------------------------------- one measured run
const kafka = new Kafka({
  clientId: `bench-pipeline-${randomUUID().slice(0, 8)}`,
  brokers,
  logLevel: logLevel.ERROR,
  retry: { initialRetryTime: 300, retries: 10 },
});

class Run {
  constructor(platform, label) {
    this.platform = platform;
    this.label = label;
    this.shipments = new Map();
    this.httpErrors = new Map();
    this.httpCalls = 0;
    this.events = new Map();
    this.deadLetters = 0;
    this.taskNotYetOpen = 0;
    this.actions = new Set();
    this.consumer = null;
  }

  async call(app, role, party, method, route, body, { quiet404 = false } = {}) {
    this.httpCalls++;
    const started = now();
    let status = 0;
    let text = '';
    try {
      const response = await fetch(`${this.platform.urls[app]}${route}`, {
        method,
        headers: {
          authorization: `Bearer ${this.platform.token(role, party)}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      text = error.message;
    }
    const ms = now() - started;
    if (status === 404 && quiet404) return { ok: false, status, body: text, ms };
    if (status < 200 || status >= 300) {
      const key = `${method} ${app}${route.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')} -> ${status || 'no answer'}`;
      const entry = this.httpErrors.get(key) ?? { count: 0, sample: text.slice(0, 300) };
      entry.count++;
      this.httpErrors.set(key, entry);
      return { ok: false, status, body: text, ms };
    }
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { ok: true, status, body: parsed, ms };
  }

  /** Runs an action in the background (the consumer must not wait on HTTP); drain waits for them. */
  act(promise) {
    const tracked = promise.catch((error) => log(`action failed: ${error.message}`));
    this.actions.add(tracked);
    void tracked.finally(() => this.actions.delete(tracked));
  }

  async startConsumer() {
    const topics = EVENT_TOPICS.flatMap((t) => [t, `${t}.dlq`]).map(
      (t) => `${this.platform.topicPrefix}${t}`,
    );
    this.consumer = kafka.consumer({ groupId: `bench-${randomUUID()}`, allowAutoTopicCreation: false });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    let joined;
    const ready = new Promise((resolve) => (joined = resolve));
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => joined());
    await this.consumer.run({
      partitionsConsumedConcurrently: partitions * EVENT_TOPICS.length,
      eachMessage: async ({ topic, message }) => this.onMessage(topic, message),
    });
    await Promise.race([ready, sleep(60_000)]);
  }

  onMessage(topic, message) {
    if (topic.endsWith('.dlq')) {
      this.deadLetters++;
      return;
    }
    const at = now();
    const type = message.headers?.ce_type?.toString() ?? '';
    const parts = type.split('.');
    const name = parts.length >= 3 ? parts[parts.length - 2] : type;
    this.events.set(name, (this.events.get(name) ?? 0) + 1);
    const shipment = this.shipments.get(message.key?.toString() ?? '');
    if (!shipment) return;
    let payload;
    try {
      payload = JSON.parse(message.value?.toString() ?? 'null');
    } catch {
      return;
    }
    switch (name) {
      case 'RiskAssessed':
        shipment.channel = payload.channel;
        if (payload.channel !== 'GREEN' && payload.taskId && !shipment.decided) {
          shipment.decided = true;
          this.act(this.decide(shipment, payload.taskId));
        }
        break;
      case 'PaymentRequested':
        if (!shipment.settled) {
          shipment.settled = true;
          this.act(this.settle(shipment, payload.paymentId, payload.importerId));
        }
        break;
      case 'ShipmentReleased':
        if (shipment.releasedAt === undefined) {
          shipment.releasedAt = at;
          shipment.done?.();
        }
        break;
      case 'ReleaseRefused':
        shipment.refused = true;
        shipment.done?.();
        break;
      case 'InspectionDeemedApproved':
        shipment.deemed = true;
        break;
      default:
        break;
    }
  }

  async decide(shipment, taskId) {
    const officer = ['inspection', 'BENCH-OFFICER'];
    // RiskAssessed is relayed before inspection has opened the task it names: a 404 is asked again
    // (for up to 10 s); only a 404 that stays counts as an HTTP error
    const route = `/v1/inspection-tasks/${taskId}/claim`;
    let claim = await this.call('inspection', ...officer, 'POST', route, undefined, { quiet404: true });
    for (let attempt = 1; claim.status === 404 && attempt <= 40; attempt++) {
      if (attempt === 1) this.taskNotYetOpen++;
      await sleep(250);
      claim = await this.call('inspection', ...officer, 'POST', route, undefined, { quiet404: attempt < 40 });
    }
    if (!claim.ok) shipment.problems.push(`claim ${claim.status}`);
    const result = await this.call(
      'inspection',
      ...officer,
      'POST',
      `/v1/inspection-tasks/${taskId}/result`,
      {
        result: 'passed',
      },
    );
    if (!result.ok) shipment.problems.push(`result ${result.status}`);
  }

  async settle(shipment, paymentId, importerId) {
    const answer = await this.call(
      'logistics-trading',
      'importer',
      importerId ?? shipment.trader,
      'POST',
      `/v1/payments/${paymentId}/settlements`,
      { idempotencyKey: randomUUID() },
    );
    if (!answer.ok) shipment.problems.push(`settle ${answer.status}`);
  }

  /** One shipment: arrival at the port, then the declaration; the rest reacts to events. */
  async ship(index, measured) {
    const kind = KIND_CYCLE[index % KIND_CYCLE.length];
    const bl = `BN${this.platform.runId.toUpperCase()}${measured ? 'M' : 'W'}${String(index).padStart(6, '0')}`;
    const trader = `BENCH-TRADER-${index % TRADERS}`;
    const shipment = { bl, kind, trader, measured, problems: [], startedAt: now() };
    shipment.finished = new Promise((resolve) => (shipment.done = resolve));
    this.shipments.set(bl, shipment);
    const port = ['port', 'BENCH-TERMINAL'];
    const call = await this.call('port-exchange', ...port, 'POST', '/v1/vessel-calls', {
      vesselName: 'BENCH CARRIER',
      voyage: `V${index % 1000}`,
      eta: new Date().toISOString(),
    });
    if (!call.ok) return this.fail(shipment, `vessel call ${call.status}`);
    const callId = call.body.id ?? call.body._id;
    const serial = (((measured ? 0 : 400_000) + index) * 2) % 999_998;
    const line = {
      blNumber: bl,
      consignee: 'SHENZHEN TRADING CO',
      consigneePartyId: trader,
      containerNumbers: [containerNumber('BNCU', serial), containerNumber('BNCU', serial + 1)],
      packages: 2,
      grossWeightKg: 3100,
    };
    const fileManifest = (billOfLading) =>
      this.call('port-exchange', ...port, 'POST', `/v1/vessel-calls/${callId}/manifest`, {
        billsOfLading: [billOfLading],
      });
    let manifest = await fileManifest(line);
    if (!manifest.ok && JSON.stringify(manifest.body).includes('consigneePartyId')) {
      // a checkout from before manifests named the consignee party
      const older = { ...line };
      delete older.consigneePartyId;
      manifest = await fileManifest(older);
    }
    if (!manifest.ok) return this.fail(shipment, `manifest ${manifest.status}`);
    const discharge = await this.call(
      'port-exchange',
      ...port,
      'POST',
      `/v1/vessel-calls/${callId}/discharges`,
      {
        blNumber: bl,
      },
    );
    if (!discharge.ok) return this.fail(shipment, `discharge ${discharge.status}`);
    shipment.lodgedAt = now();
    const lodged = await this.lodgeOnceManifested(trader, {
      blNumber: bl,
      declarantId: 'BROKER-7',
      consignor: { name: 'ACME GMBH', country: 'DE' },
      consignee: { name: 'SHENZHEN TRADING CO', country: 'CN' },
      vesselName: 'BENCH CARRIER',
      voyage: `V${index % 1000}`,
      portOfLoading: 'DEHAM',
      portOfDischarge: 'CNSZX',
      incoterm: 'CIF',
      currency: 'EUR',
      totalPackages: 2,
      grossWeightKg: 3100,
      items: [KINDS[kind]],
    });
    shipment.lodgeMs = lodged.ms;
    if (!lodged.ok) return this.fail(shipment, `lodge ${lodged.status} ${String(lodged.body).slice(0, 200)}`);
    shipment.lodged = true;
    return shipment;
  }

  /**
   * The manifest reaches the declaration service as an event: a filing that comes first is refused with
   * BL_NOT_MANIFESTED (advance manifest rule), and the importer files again a moment later.
   */
  async lodgeOnceManifested(trader, body) {
    for (let attempt = 0; ; attempt++) {
      const lodged = await this.call('declaration', 'importer', trader, 'POST', '/v1/declarations', body);
      const early = lodged.status === 422 && JSON.stringify(lodged.body).includes('BL_NOT_MANIFESTED');
      if (!early || attempt >= 300) return lodged;
      await sleep(100);
    }
  }

  fail(shipment, problem) {
    shipment.problems.push(problem);
    shipment.done();
    return shipment;
  }

  async warmUp() {
    if (warmup === 0) return;
    const started = now();
    const shipments = await Promise.all(Array.from({ length: warmup }, (_, i) => this.ship(i, false)));
    await Promise.race([Promise.all(shipments.map((s) => s.finished)), sleep(120_000)]);
    const released = shipments.filter((s) => s.releasedAt !== undefined).length;
    log(
      `${this.label}: warm-up ${released}/${warmup} released in ${((now() - started) / 1000).toFixed(1)} s`,
    );
    if (released === 0) {
      const problems = shipments.flatMap((s) => s.problems);
      throw new Error(`warm-up: no shipment released (${problems.join('; ') || 'no event'})`);
    }
  }

  /** Open loop: shipment i starts at i / rate seconds, whatever happens to the earlier ones. */
  async offerOpen(rate) {
    const total = count ?? Math.round(rate * duration);
    const started = now();
    const inFlight = [];
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - now();
      if (wait > 0) await sleep(wait);
      inFlight.push(this.ship(i, true));
    }
    this.offerEndedAt = now();
    this.offerStartedAt = started;
    await Promise.all(inFlight);
  }

  /** Closed loop: `concurrency` importers, each starting its next shipment once the last is released. */
  async offerClosed(concurrency) {
    const started = now();
    const stopAt = started + duration * 1000;
    let next = 0;
    const worker = async () => {
      while (count !== undefined ? next < count : now() < stopAt) {
        const shipment = await this.ship(next++, true);
        const timeout = sleep(drainSeconds * 1000 + HTTP_TIMEOUT_MS);
        await Promise.race([shipment.finished, timeout]);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    this.offerStartedAt = started;
    this.offerEndedAt = now();
  }

  async drain() {
    const deadline = now() + drainSeconds * 1000;
    const pending = () => [...this.shipments.values()].filter((s) => s.measured && s.lodged && !s.end);
    for (const s of this.shipments.values()) if (s.releasedAt !== undefined || s.refused) s.end = true;
    while (now() < deadline) {
      for (const s of this.shipments.values()) if (s.releasedAt !== undefined || s.refused) s.end = true;
      if (pending().length === 0 && this.actions.size === 0) break;
      await sleep(250);
    }
    await Promise.race([Promise.all([...this.actions]), sleep(5_000)]);
  }

  summary(offered, mode) {
    const measured = [...this.shipments.values()].filter((s) => s.measured);
    const lodged = measured.filter((s) => s.lodged);
    const released = lodged.filter((s) => s.releasedAt !== undefined);
    const latencies = released.map((s) => (s.releasedAt - s.lodgedAt) / 1000).sort((a, b) => a - b);
    const releaseTimes = released.map((s) => s.releasedAt).sort((a, b) => a - b);
    const lodgeTimes = lodged.map((s) => s.lodgedAt).sort((a, b) => a - b);
    const span = (times) => (times.length > 1 ? (times[times.length - 1] - times[0]) / 1000 : null);
    const releaseSpan = span(releaseTimes);
    const lodgeSpan = span(lodgeTimes);
    const offerSeconds = (this.offerEndedAt - this.offerStartedAt) / 1000;
    const inWindow = releaseTimes.filter((t) => t <= this.offerEndedAt).length;
    const channels = {};
    for (const s of lodged) channels[s.channel ?? 'none'] = (channels[s.channel ?? 'none'] ?? 0) + 1;
    const lodgeMs = lodged.map((s) => s.lodgeMs).sort((a, b) => a - b);
    const round = (v, digits = 2) => (v === null ? null : Number(v.toFixed(digits)));
    const errors = [...this.httpErrors.entries()].map(([call, e]) => ({
      call,
      count: e.count,
      sample: e.sample,
    }));
    return {
      label: this.label,
      mode,
      offered,
      offeredShipments: measured.length,
      lodged: lodged.length,
      lodgedPerSecond: lodgeSpan ? round((lodged.length - 1) / lodgeSpan) : null,
      released: released.length,
      // releases spread over first..last release: the rate the pipeline sustained
      releasedPerSecond: releaseSpan ? round((released.length - 1) / releaseSpan) : null,
      releasedPerSecondDuringOffer: round(inWindow / offerSeconds),
      refused: lodged.filter((s) => s.refused).length,
      unreleased: measured.length - released.length,
      deemedApproved: lodged.filter((s) => s.deemed).length,
      latencySeconds: {
        p50: round(percentile(latencies, 50)),
        p90: round(percentile(latencies, 90)),
        p99: round(percentile(latencies, 99)),
        max: round(latencies.length ? latencies[latencies.length - 1] : null),
        mean: round(latencies.length ? latencies.reduce((a, b) => a + b, 0) / latencies.length : null),
      },
      lodgeHttpMs: { p50: round(percentile(lodgeMs, 50), 0), p99: round(percentile(lodgeMs, 99), 0) },
      httpCalls: this.httpCalls,
      httpErrors: errors.reduce((sum, e) => sum + e.count, 0),
      httpErrorsByCall: errors,
      deadLetters: this.deadLetters,
      // tasks whose first claim was answered 404 INSPECTION.TASK_NOT_FOUND (RiskAssessed came before the task)
      taskNotYetOpen404: this.taskNotYetOpen,
      channels,
      events: Object.fromEntries(this.events),
      problems: measured.flatMap((s) => s.problems.map((p) => `${s.bl}: ${p}`)).slice(0, 20),
      offerSeconds: round(offerSeconds, 1),
    };
  }
}

// ---------------------------------------------------------------- main
const platforms = new Set();
let interrupted = false;

async function measure(mode, value) {
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const label = mode === 'open' ? `${value}/s` : `closed ${value}`;
  const platform = new Platform(runId);
  platforms.add(platform);
  const run = new Run(platform, label);
  try {
    log(
      `${label}: topics ${platform.topicPrefix}*, databases ${platform.dbPrefix}*, logs ${platform.logDir}`,
    );
    await platform.createTopics();
    await run.startConsumer();
    const started = now();
    await platform.start();
    log(`${label}: services healthy in ${((now() - started) / 1000).toFixed(1)} s`);
    await run.warmUp();
    await platform.toggleProfiles();
    if (mode === 'open') await run.offerOpen(value);
    else await run.offerClosed(value);
    log(`${label}: offered ${[...run.shipments.values()].filter((s) => s.measured).length}, draining`);
    await run.drain();
    await platform.toggleProfiles();
    return run.summary(value, mode);
  } finally {
    await run.consumer?.disconnect().catch(() => undefined);
    await platform.stop();
    if (!options['keep-data']) await platform.removeData().catch((e) => log(`cleanup: ${e.message}`));
    platforms.delete(platform);
  }
}

function printTable(results) {
  const header = [
    'offered',
    'lodged',
    'released',
    'rel/s',
    'p50 s',
    'p90 s',
    'p99 s',
    'max s',
    'unreleased',
    'http err',
    'dlq',
    'load',
  ];
  const rows = results.map((r) => [
    r.label,
    String(r.lodged),
    String(r.released),
    String(r.releasedPerSecond ?? '-'),
    String(r.latencySeconds.p50 ?? '-'),
    String(r.latencySeconds.p90 ?? '-'),
    String(r.latencySeconds.p99 ?? '-'),
    String(r.latencySeconds.max ?? '-'),
    String(r.unreleased),
    String(r.httpErrors),
    String(r.deadLetters),
    r.loadAverage ? `${r.loadAverage.mean}/${r.loadAverage.max}` : '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  process.stdout.write(`${line(header)}\n${rows.map(line).join('\n')}\n`);
  for (const r of results) {
    for (const e of r.httpErrorsByCall)
      process.stdout.write(`  ${r.label}: ${e.count} x ${e.call}: ${e.sample}\n`);
  }
}

async function main() {
  process.once('SIGINT', () => void interrupt('SIGINT'));
  process.once('SIGTERM', () => void interrupt('SIGTERM'));
  if (!options['no-build']) {
    log(`building ${repo} (npx tsc -p tsconfig.build.json)`);
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: repo, stdio: 'inherit' });
  }
  let commit = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo }).toString().trim();
  } catch {
    // not a git checkout
  }
  const plan = [...rates.map((r) => ['open', r]), ...closed.map((c) => ['closed', c])];
  const what = count === undefined ? `${duration} s` : `${count} shipments`;
  process.stdout.write(
    `pipeline bench: repo ${repo} (${commit ?? 'no git'}), mongo ${mongoUri}, kafka ${brokers.join(',')}, ` +
      `${what} per run, mix green/yellow/red ${mix.join('/')}, ${os.cpus().length} cpus, ` +
      `load ${os.loadavg()[0].toFixed(2)}${Object.keys(extraEnv).length ? `, env ${JSON.stringify(extraEnv)}` : ''}\n`,
  );
  const results = [];
  for (const [mode, value] of plan) {
    if (interrupted) break;
    const loads = [os.loadavg()[0]];
    const sampler = setInterval(() => loads.push(os.loadavg()[0]), 5_000);
    const result = await measure(mode, value).finally(() => clearInterval(sampler));
    // the 1-minute load average of the machine, sampled every 5 s during the run (2 cores: above 2 is queueing)
    result.loadAverage = {
      before: Number(loads[0].toFixed(2)),
      mean: Number((loads.reduce((a, b) => a + b, 0) / loads.length).toFixed(2)),
      max: Number(Math.max(...loads).toFixed(2)),
    };
    results.push(result);
    printTable([result]);
  }
  if (results.length > 1) {
    process.stdout.write('\nsummary (latency = lodge -> ShipmentReleased, wall clock)\n');
    printTable(results);
  }
  if (options.json) {
    const report = {
      at: new Date().toISOString(),
      repo,
      commit,
      mongo: mongoUri,
      kafka: brokers,
      duration: count === undefined ? duration : null,
      count: count ?? null,
      mix: { green: mix[0], yellow: mix[1], red: mix[2] },
      env: extraEnv,
      cpus: os.cpus().length,
      results,
    };
    fs.mkdirSync(path.dirname(path.resolve(options.json)), { recursive: true });
    fs.writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
    log(`wrote ${options.json}`);
  }
}

async function interrupt(signal) {
  if (interrupted) return;
  interrupted = true;
  log(`${signal}: stopping the services`);
  const hardStop = setTimeout(() => process.exit(130), 20_000);
  await Promise.all([...platforms].map((p) => p.stop().catch(() => undefined)));
  if (!options['keep-data']) {
    await Promise.all([...platforms].map((p) => p.removeData().catch(() => undefined)));
  }
  clearTimeout(hardStop);
  process.exit(130);
}

main().then(
  () => process.exit(0),
  async (error) => {
    log(`failed: ${error.stack ?? error.message}`);
    await Promise.all([...platforms].map((p) => p.stop().catch(() => undefined)));
    process.exit(1);
  },
);
