#!/usr/bin/env node
// Store cost of one shipment as the stored data grows ("Cost that stays flat as data grows").
//   node bench/store-cost.js [--sizes 1000,10000,100000] [--window 20] [--concurrency 1] [--seeds 6]
//     [--idle-seconds 10] [--gate-out] [--json out.json] [--max-seed-minutes 15] [--window-minutes 10] [--keep]
//     [--kafka 127.0.0.1:9092] [--mongo mongodb://127.0.0.1:27017] [--no-build] [--ref COMMIT]
// --ref measures a commit instead of the working tree (exported with git archive into a temporary
// directory and built there), for when the tree is half-way through an edit.
//
// It starts the five compiled services on their own topic prefix and database prefix, with MONGO_URI
// pointing at a small Mongo wire-protocol proxy inside this script, so every command of every service
// is seen (name, database, collection, filter keys, latency) without changing them. It drives a few
// real shipments through the public HTTP APIs (vessel call, manifest, discharge, declaration, the
// inspection task when the channel opens one, settlement, until ShipmentReleased; optionally transport
// booking and gate-out), copies their documents with fresh ids straight into the real server to grow
// the stored data to each size, and at each size measures a window of shipments driven through the
// pipeline: Mongo commands and store time per shipment, by collection, command and step, command
// latency p50/p99, lodge-to-release latency, and the background load of an idle period. Queries whose
// latency grows with the data (scans) are listed with their filter keys.
'use strict';

const { Buffer } = require('node:buffer');
const { spawn, execFileSync } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { clearTimeout, setTimeout } = require('node:timers');
const { URL } = require('node:url');
const { deserialize } = require('bson');
const { MongoClient, ObjectId } = require('mongodb');
const { Kafka, logLevel } = require('kafkajs');
const jwt = require('jsonwebtoken');
const { beforeDataSet, dataSetHeader, dataSetLine, refusesDataSet } = require('./lib/shipments');

const ROOT = path.join(__dirname, '..');
/** Where the services are built and run from: the repository, or an export of --ref. */
let appRoot = ROOT;
const APPS = ['port-exchange', 'declaration', 'inspection', 'logistics-trading', 'clearance-monitor'];
const TOPICS = ['declaration.events.v1', 'inspection.events.v1', 'logistics.events.v1', 'port.events.v1'];
const JWT_SECRET = 'tongguan-bench-secret';
const OP_MSG = 2013;
const OP_QUERY = 2004;
/** Connection handshakes and server monitoring: not store work, not counted. */
const NOT_COUNTED = new Set(['hello', 'isMaster', 'ismaster', 'saslStart', 'saslContinue', 'endSessions']);

// ---------------------------------------------------------------------------------------------- options

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const flag = (name) => args.includes(`--${name}`);
const settings = {
  sizes: option('sizes', '1000,10000,100000')
    .split(',')
    .map((s) => Number(s.trim())),
  window: Number(option('window', 20)),
  concurrency: Number(option('concurrency', 1)),
  seeds: Number(option('seeds', 6)),
  idleSeconds: Number(option('idle-seconds', 10)),
  gateOut: flag('gate-out'),
  json: option('json', undefined),
  maxSeedMinutes: Number(option('max-seed-minutes', 15)),
  windowMinutes: Number(option('window-minutes', 10)),
  keep: flag('keep'),
  build: !flag('no-build'),
  ref: option('ref', undefined),
  kafka: option('kafka', process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'),
  mongo: option('mongo', process.env.MONGO_URI ?? 'mongodb://127.0.0.1:27017'),
};
const valid =
  settings.sizes.length > 0 &&
  settings.sizes.every((s) => Number.isInteger(s) && s > 0) &&
  settings.window > 0 &&
  settings.concurrency > 0 &&
  settings.seeds > 0 &&
  settings.idleSeconds >= 0 &&
  settings.maxSeedMinutes > 0 &&
  settings.windowMinutes > 0;
if (!valid) {
  process.stderr.write(
    'usage: node bench/store-cost.js [--sizes 1000,10000,100000] [--window 20] [--concurrency 1] ' +
      '[--seeds 6] [--idle-seconds 10] [--gate-out] [--json FILE] [--max-seed-minutes 15] ' +
      '[--window-minutes 10] [--keep] ' +
      '[--kafka HOST:PORT] [--mongo URI] [--no-build] [--ref COMMIT]\n',
  );
  process.exit(2);
}
settings.sizes.sort((a, b) => a - b);

const RUN = Date.now().toString(36).toUpperCase();
const TOPIC_PREFIX = `bench${RUN.toLowerCase()}.`;
const DB_PREFIX = `bench_${RUN.toLowerCase()}_`;
const log = (text) => process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${text}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ----------------------------------------------------------------------------------- wire-protocol proxy

/** What the proxy records; `open` is true while a measurement window is open. */
const recorder = { open: false, step: 'other', records: [], lastCommandAt: 0 };

/** Filter keys as a shape: equality keys by name, operators after a colon, e.g. `shipmentId,eta:$lt`. */
function shapeOf(filter) {
  if (!filter || typeof filter !== 'object') return '';
  return Object.keys(filter)
    .map((key) => {
      const value = filter[key];
      if (key.startsWith('$')) {
        return Array.isArray(value) ? `${key}[${value.map(shapeOf).join('|')}]` : key;
      }
      if (value && typeof value === 'object' && !value._bsontype && !(value instanceof Date)) {
        const operators = Object.keys(value).filter((k) => k.startsWith('$'));
        if (operators.length > 0) return `${key}:${operators.join(',')}`;
      }
      return key;
    })
    .join(',');
}

/** Command name, database, collection and filter shape of one client message, or undefined. */
function describeRequest(message) {
  const opCode = message.readInt32LE(12);
  let body;
  const sequences = {};
  let moreToCome = false;
  if (opCode === OP_MSG) {
    const flags = message.readUInt32LE(16);
    moreToCome = (flags & 2) !== 0;
    const end = flags & 1 ? message.length - 4 : message.length;
    let offset = 20;
    while (offset < end) {
      const kind = message[offset];
      offset += 1;
      const size = message.readInt32LE(offset);
      if (kind === 0) {
        body = deserialize(message.subarray(offset, offset + size));
      } else if (kind === 1) {
        const nameEnd = message.indexOf(0, offset + 4);
        const identifier = message.toString('utf8', offset + 4, nameEnd);
        const first = nameEnd + 1;
        if (first < offset + size) {
          const docSize = message.readInt32LE(first);
          sequences[identifier] = deserialize(message.subarray(first, first + docSize));
        }
      } else {
        break;
      }
      offset += size;
    }
  } else if (opCode === OP_QUERY) {
    const nameEnd = message.indexOf(0, 20);
    const start = nameEnd + 1 + 8;
    body = deserialize(message.subarray(start, start + message.readInt32LE(start)));
    body.$db = message.toString('utf8', 20, nameEnd).split('.')[0];
  }
  if (!body) return undefined;
  const cmd = Object.keys(body)[0];
  const target = body[cmd];
  const coll = typeof target === 'string' ? target : cmd === 'getMore' ? String(body.collection) : '-';
  let filter;
  let extra = '';
  switch (cmd) {
    case 'find':
      filter = body.filter;
      if (body.sort) extra = ` sort(${Object.keys(body.sort).join(',')})`;
      break;
    case 'count':
    case 'distinct':
    case 'findAndModify':
      filter = body.query;
      if (body.sort) extra = ` sort(${Object.keys(body.sort).join(',')})`;
      break;
    case 'aggregate': {
      const match = (body.pipeline ?? []).find((stage) => stage.$match);
      filter = match?.$match;
      extra = ` [${(body.pipeline ?? []).map((stage) => Object.keys(stage)[0]).join(' ')}]`;
      break;
    }
    case 'update': {
      const update = sequences.updates ?? body.updates?.[0];
      filter = update?.q;
      if (update?.upsert) extra = ' upsert';
      if (update?.multi) extra += ' multi';
      break;
    }
    case 'delete':
      filter = (sequences.deletes ?? body.deletes?.[0])?.q;
      break;
    default:
  }
  return {
    cmd,
    db: typeof body.$db === 'string' ? body.$db : '-',
    coll,
    shape: filter === undefined ? '' : `{${shapeOf(filter)}}${extra}`,
    moreToCome,
  };
}

/** Calls `onMessage` with every complete wire-protocol message in a byte stream. */
function messageReader(onMessage) {
  let chunks = [];
  let length = 0;
  return (chunk) => {
    chunks.push(chunk);
    length += chunk.length;
    while (length >= 4) {
      let buffer = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length);
      chunks = [buffer];
      const size = buffer.readInt32LE(0);
      if (length < size) return;
      onMessage(buffer.subarray(0, size));
      buffer = buffer.subarray(size);
      chunks = buffer.length > 0 ? [buffer] : [];
      length = buffer.length;
    }
  };
}

/** A TCP proxy in front of the Mongo-wire server that times every command by its reply. */
function startProxy(upstreamHost, upstreamPort) {
  const server = net.createServer((client) => {
    const upstream = net.connect(upstreamPort, upstreamHost);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    const pending = new Map();
    const fromClient = messageReader((message) => {
      let described;
      try {
        described = describeRequest(message);
      } catch (error) {
        described = { cmd: `unparsed(${error.message})`, db: '-', coll: '-', shape: '' };
      }
      if (!described || NOT_COUNTED.has(described.cmd)) return;
      const entry = {
        ...described,
        started: process.hrtime.bigint(),
        open: recorder.open,
        step: recorder.step,
      };
      if (described.moreToCome) return;
      pending.set(message.readInt32LE(4), entry);
    });
    const fromServer = messageReader((message) => {
      const responseTo = message.readInt32LE(8);
      const entry = pending.get(responseTo);
      if (!entry) return;
      pending.delete(responseTo);
      recorder.lastCommandAt = Date.now();
      if (!entry.open) return;
      const ms = Number(process.hrtime.bigint() - entry.started) / 1e6;
      recorder.records.push({
        cmd: entry.cmd,
        db: entry.db,
        coll: entry.coll,
        shape: entry.shape,
        step: entry.step,
        ms,
      });
    });
    client.on('data', (chunk) => {
      upstream.write(chunk);
      fromClient(chunk);
    });
    upstream.on('data', (chunk) => {
      client.write(chunk);
      fromServer(chunk);
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// ------------------------------------------------------------------------------------------- services

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

const children = new Map();

/** Starts one app; a start that fails (e.g. a topic the broker has not yet fully created) is retried. */
async function startService(app, env, attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServiceOnce(app, env);
    } catch (error) {
      if (attempt >= attempts) throw error;
      log(`${error.message}; starting it again`);
      await sleep(2_000);
    }
  }
}

async function startServiceOnce(app, env) {
  const port = await freePort();
  const logDir = path.join(ROOT, '.local', 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `bench-${app}-${port}.log`);
  const out = fs.openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      '-r',
      path.join(appRoot, 'scripts', 'register-paths.js'),
      path.join(appRoot, 'dist', 'apps', app, 'src', 'main.js'),
    ],
    { cwd: appRoot, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', out, out] },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  children.set(app, { child, exited });
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (gone) throw new Error(`${app} exited during start; see ${logFile}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${app} not healthy after 180 s; see ${logFile}`);
    await sleep(500);
  }
  return `http://127.0.0.1:${port}`;
}

async function stopServices() {
  await Promise.all(
    [...children.values()].map(async ({ child, exited }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }),
  );
  children.clear();
}

// ------------------------------------------------------------------------------------ events on Kafka

/** Follows the four pipeline topics and lets the driver wait for a shipment's events. */
class EventWatch {
  constructor(brokers) {
    this.kafka = new Kafka({
      clientId: `bench-${RUN}`,
      brokers: brokers.split(','),
      logLevel: logLevel.NOTHING,
    });
    this.seen = new Map();
    this.waiters = [];
    this.count = 0;
  }

  async start() {
    this.consumer = this.kafka.consumer({ groupId: `${TOPIC_PREFIX}bench-watch`, sessionTimeout: 30_000 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: TOPICS.map((t) => `${TOPIC_PREFIX}${t}`), fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        const type = String(message.headers?.ce_type ?? '').split('.')[2];
        const key = message.key?.toString();
        if (!type || !key) return;
        this.count += 1;
        let payload = {};
        try {
          payload = JSON.parse(message.value.toString());
        } catch {
          // not JSON: keep the type
        }
        const events = this.seen.get(key) ?? [];
        events.push({ type, payload, at: Date.now() });
        this.seen.set(key, events);
        this.waiters = this.waiters.filter((waiter) => {
          if (waiter.key !== key || waiter.type !== type) return true;
          waiter.resolve(events[events.length - 1]);
          return false;
        });
      },
    });
  }

  waitFor(key, type, timeoutMs = 60_000) {
    const found = (this.seen.get(key) ?? []).find((e) => e.type === type);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = { key, type, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        if (!this.waiters.includes(waiter)) return;
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const had = (this.seen.get(key) ?? []).map((e) => e.type).join(', ');
        reject(new Error(`no ${type} for ${key} within ${timeoutMs} ms (seen: ${had || 'nothing'})`));
      }, timeoutMs).unref();
    });
  }

  eventsOf(key) {
    return this.seen.get(key) ?? [];
  }

  async stop() {
    await this.consumer?.disconnect();
  }
}

// --------------------------------------------------------------------------------------------- driver

const token = (role, party) =>
  jwt.sign({ role, party }, JWT_SECRET, {
    algorithm: 'HS256',
    subject: party,
    issuer: 'tongguan',
    expiresIn: '12h',
  });
const TOKENS = {
  importer: token('importer', 'TRADER-1'),
  port: token('port', 'TERMINAL-1'),
  officer: token('inspection', 'OFFICER-9'),
  carrier: token('carrier', 'CARRIER-1'),
};
const TERMINAL = 'CNSZX-YICT';
const HOUR_MS = 3_600_000;

/** Three kinds of goods in turn, so that every channel (and its task) is in every window. */
const GOODS = [
  {
    hsCode: '8703239000',
    description: 'Passenger car, petrol engine 1.5-3.0 l',
    originCountry: 'DE',
    unit: 'NAR',
  },
  { hsCode: '0303899000', description: 'Frozen fish', originCountry: 'NO', unit: 'KGM' },
  {
    hsCode: '8703239000',
    description: 'Passenger car, petrol engine 1.5-3.0 l',
    originCountry: 'MM',
    unit: 'NAR',
  },
];

class Driver {
  constructor(urls, watch) {
    this.urls = urls;
    this.watch = watch;
    this.serial = 0;
  }

  async call(app, role, method, route, body, expected) {
    const response = await fetch(`${this.urls[app]}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${TOKENS[role]}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (expected && !expected.includes(response.status)) {
      throw new Error(`${method} ${app}${route}: ${response.status} ${text.slice(0, 300)}`);
    }
    return { status: response.status, body: parsed };
  }

  /**
   * The manifest reaches the declaration service as an event: a filing that comes first is refused with
   * BL_NOT_MANIFESTED (advance manifest rule), and the importer files again a moment later.
   */
  async lodgeOnceManifested(filing) {
    let body = filing;
    for (let attempt = 0; ; attempt++) {
      const lodged = await this.call('declaration', 'importer', 'POST', '/v1/declarations', body);
      if (lodged.status === 201) return lodged;
      if (lodged.status === 422 && refusesDataSet(lodged.body)) {
        body = beforeDataSet(body); // a checkout from before the declaration's data set
        continue;
      }
      const early = lodged.status === 422 && JSON.stringify(lodged.body).includes('BL_NOT_MANIFESTED');
      if (!early || attempt >= 300) {
        throw new Error(`POST declaration/v1/declarations: ${lodged.status} ${JSON.stringify(lodged.body)}`);
      }
      await sleep(100);
    }
  }

  /** One shipment from vessel call to ShipmentReleased (and gate-out when asked); returns its figures. */
  async shipment(step = () => {}) {
    const n = this.serial++;
    const bl = `BX${RUN}${String(n).padStart(6, '0')}`;
    const goods = GOODS[n % GOODS.length];
    step('arrival');
    const call = await this.call(
      'port-exchange',
      'port',
      'POST',
      '/v1/vessel-calls',
      { vesselName: 'COSCO SHIPPING ARIES', voyage: `B${n % 1000}`, eta: new Date().toISOString() },
      [201],
    );
    const callId = call.body._id ?? call.body.id;
    const line = {
      blNumber: bl,
      consignee: 'SHENZHEN TRADING CO',
      consigneePartyId: 'TRADER-1',
      containerNumbers: ['CSQU3054383'],
      packages: 2,
      grossWeightKg: 3100,
    };
    const manifestRoute = `/v1/vessel-calls/${callId}/manifest`;
    const filed = await this.call('port-exchange', 'port', 'POST', manifestRoute, { billsOfLading: [line] });
    if (filed.status === 422 && JSON.stringify(filed.body).includes('consigneePartyId')) {
      // a checkout from before manifests named the consignee party
      const older = { ...line };
      delete older.consigneePartyId;
      await this.call('port-exchange', 'port', 'POST', manifestRoute, { billsOfLading: [older] }, [201]);
    } else if (filed.status !== 201) {
      throw new Error(`POST port-exchange${manifestRoute}: ${filed.status} ${JSON.stringify(filed.body)}`);
    }
    await this.call(
      'port-exchange',
      'port',
      'POST',
      `/v1/vessel-calls/${callId}/discharges`,
      { blNumber: bl },
      [200, 201],
    );
    await this.watch.waitFor(bl, 'CargoArrived');
    step('lodge');
    const lodgedAt = Date.now();
    await this.lodgeOnceManifested({
      blNumber: bl,
      declarantId: 'BROKER-7',
      consignor: { name: 'ACME GMBH', country: 'DE' },
      vesselName: 'COSCO SHIPPING ARIES',
      voyage: `B${n % 1000}`,
      portOfLoading: 'DEHAM',
      portOfDischarge: 'CNSZX',
      incoterm: 'CIF',
      currency: 'EUR',
      totalPackages: 2,
      grossWeightKg: 3100,
      ...dataSetHeader(bl, line.containerNumbers, 'EUR', 40000),
      items: [dataSetLine({ ...goods, quantity: 2, netWeightKg: 2900, customsValue: 40000 }, 2)],
    });
    const risk = await this.watch.waitFor(bl, 'RiskAssessed');
    const requested = this.watch.waitFor(bl, 'PaymentRequested');
    if (risk.payload.taskId) {
      step('inspection');
      // RiskAssessed names the task before inspection has opened it: 404 until then, as for an officer
      for (let attempt = 0; ; attempt++) {
        const decided = await this.call(
          'inspection',
          'officer',
          'POST',
          `/v1/inspection-tasks/${risk.payload.taskId}/result`,
          { result: 'passed', findings: [] },
        );
        if (decided.status === 200 || decided.status === 201) break;
        if (decided.status !== 404 || attempt > 150) {
          throw new Error(
            `task ${risk.payload.taskId} of ${bl}: ${decided.status} ${JSON.stringify(decided.body)}`,
          );
        }
        await sleep(200);
      }
      await this.watch.waitFor(bl, 'InspectionCompleted');
    }
    const payment = await requested;
    step('settlement');
    await this.call(
      'logistics-trading',
      'importer',
      'POST',
      `/v1/payments/${payment.payload.paymentId}/settlements`,
      { idempotencyKey: randomUUID() },
      [200, 201],
    );
    await this.watch.waitFor(bl, 'ShipmentReleased');
    const releasedAt = Date.now();
    if (settings.gateOut) {
      step('gate-out');
      await this.gateOut(bl);
    }
    return { bl, channel: risk.payload.channel, lodgeToReleaseMs: releasedAt - lodgedAt };
  }

  async gateOut(bl) {
    let order;
    for (let attempt = 0; !order; attempt++) {
      const answer = await this.call('logistics-trading', 'importer', 'POST', '/v1/transport-orders', {
        blNumber: bl,
        terminal: TERMINAL,
        destination: 'Dongguan, Songshan Lake warehouse 3',
      });
      if (answer.status === 201) order = answer.body;
      else if (attempt > 100) throw new Error(`transport order for ${bl}: ${answer.status}`);
      else await sleep(200);
    }
    const pickupAt = new Date(
      (Math.floor(Date.parse(order.createdAt) / HOUR_MS) + 1) * HOUR_MS,
    ).toISOString();
    const quote = await this.call(
      'logistics-trading',
      'carrier',
      'POST',
      `/v1/transport-orders/${order.id}/quotes`,
      { priceMinor: 180_000, currency: 'CNY', truckPlate: 'YUE-B12345', pickupAt },
      [201],
    );
    const booking = await this.call(
      'logistics-trading',
      'importer',
      'POST',
      `/v1/transport-orders/${order.id}/quotes/${quote.body.id}/acceptance`,
      undefined,
      [201],
    );
    await this.call(
      'port-exchange',
      'port',
      'POST',
      '/v1/gate-ins',
      { blNumber: bl, truckPlate: 'YUE-B12345', bookingId: booking.body.id },
      [201],
    );
    for (let attempt = 0; ; attempt++) {
      const out = await this.call('port-exchange', 'port', 'POST', '/v1/gate-outs', {
        blNumber: bl,
        truckPlate: 'YUE-B12345',
      });
      if (out.status === 201) break;
      if (attempt > 100) throw new Error(`gate-out of ${bl}: ${out.status}`);
      await sleep(200);
    }
    await this.watch.waitFor(bl, 'GateOutRecorded');
  }
}

/** Waits until no command has been answered for `quietMs` (at most `maxMs`): the pipeline settled. */
async function quiet(quietMs = 400, maxMs = 3_000) {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline && Date.now() - recorder.lastCommandAt < quietMs) await sleep(50);
}

// ----------------------------------------------------------------------------------------- seeding

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const HEX24 = /\b[0-9a-f]{24}\b/g;
const isObjectId = (value) => value && value._bsontype === 'ObjectId';

function walkStrings(value, visit) {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) value.forEach((v) => walkStrings(v, visit));
  else if (value && typeof value === 'object' && !value._bsontype && !(value instanceof Date)) {
    for (const [key, v] of Object.entries(value)) {
      visit(key);
      walkStrings(v, visit);
    }
  } else if (isObjectId(value)) visit(value.toHexString());
}

/**
 * The documents of the seed shipments, as templates: every document of every collection of the run's
 * databases that names one of the seed shipments' ids (B/L numbers, and the uuids and ObjectIds found
 * in the documents that name a B/L, transitively). Documents that name none (configuration, per-terminal
 * slots, ...) are not shipment data and are left alone.
 */
async function loadTemplates(client, seedBls) {
  const { databases } = await client.db('admin').command({ listDatabases: 1, nameOnly: true });
  const all = [];
  for (const { name } of databases.filter((d) => d.name.startsWith(DB_PREFIX))) {
    const db = client.db(name);
    for (const { name: coll } of await db.listCollections({}, { nameOnly: true }).toArray()) {
      if (coll.startsWith('system.')) continue;
      const indexes = await db.collection(coll).indexes();
      const docs = await db.collection(coll).find({}).toArray();
      for (const doc of docs) {
        const tokens = new Set();
        walkStrings(doc, (s) => {
          for (const m of s.match(UUID) ?? []) tokens.add(m.toLowerCase());
          for (const m of s.match(HEX24) ?? []) tokens.add(m);
          for (const bl of seedBls) if (s.includes(bl)) tokens.add(bl);
        });
        all.push({ db: name, coll, doc, tokens, indexes });
      }
    }
  }
  // ids connected to a seed B/L, to a fixed point
  const ids = new Set(seedBls);
  for (let grown = true; grown;) {
    grown = false;
    for (const entry of all) {
      if (![...entry.tokens].some((t) => ids.has(t))) continue;
      for (const t of entry.tokens) {
        if (!ids.has(t)) {
          ids.add(t);
          grown = true;
        }
      }
    }
  }
  const templates = all.filter((entry) => [...entry.tokens].some((t) => ids.has(t)));
  const skipped = all.filter((entry) => !templates.includes(entry));
  return { templates, skipped, ids };
}

/** Fresh values for one copy of the seed set: a new value of the same form for every id. */
function freshId(id, seedBls, round) {
  if (seedBls.includes(id)) return `SX${RUN}${seedBls.indexOf(id).toString(36)}R${round}`;
  if (id.includes('-')) return randomUUID();
  return new ObjectId().toHexString();
}

function makeCopier(templates, ids, seedBls) {
  const blSet = new Set(seedBls);
  const pattern = new RegExp(
    [...ids]
      .sort((a, b) => b.length - a.length)
      .map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|'),
    'gi',
  );
  return (round) => {
    const map = new Map();
    const fresh = (id) => {
      const key = blSet.has(id.toUpperCase()) ? id.toUpperCase() : id.toLowerCase();
      let value = map.get(key);
      if (value === undefined) {
        value = freshId(key, seedBls, round);
        map.set(key, value);
      }
      return value;
    };
    const replaceString = (s) => (s.length < 4 ? s : s.replace(pattern, (m) => fresh(m)));
    const clone = (value) => {
      if (typeof value === 'string') return replaceString(value);
      if (Array.isArray(value)) return value.map(clone);
      if (isObjectId(value)) {
        const hex = value.toHexString();
        return ids.has(hex) ? new ObjectId(fresh(hex)) : value;
      }
      if (value && typeof value === 'object' && !value._bsontype && !(value instanceof Date)) {
        const out = {};
        for (const [key, v] of Object.entries(value)) out[replaceString(key)] = clone(v);
        return out;
      }
      return value;
    };
    return clone;
  };
}

/** Unique indexes with a numeric key (a sequence number): copies get the next numbers. */
function numericUniqueKeys(template) {
  const keys = [];
  for (const index of template.indexes) {
    if (!index.unique || index.name === '_id_') continue;
    for (const field of Object.keys(index.key)) {
      if (typeof template.doc[field] === 'number') keys.push(field);
    }
  }
  return keys;
}

class Seeder {
  constructor(client, templates, ids, seedBls) {
    this.client = client;
    this.templates = templates;
    this.copier = makeCopier(templates, ids, seedBls);
    this.round = 0;
    this.rejected = new Map();
    this.excluded = new Set();
    this.sequences = new Map();
    this.inserted = 0;
    this.seconds = 0;
  }

  async nextSequence(template, field) {
    const key = `${template.db}.${template.coll}.${field}`;
    if (!this.sequences.has(key)) {
      const [top] = await this.client
        .db(template.db)
        .collection(template.coll)
        .find({}, { projection: { [field]: 1 } })
        .sort({ [field]: -1 })
        .limit(1)
        .toArray();
      this.sequences.set(key, (top?.[field] ?? 0) + 1);
    }
    const next = this.sequences.get(key);
    this.sequences.set(key, next + 1);
    return next;
  }

  /** Inserts `rounds` copies of the seed set, in batches per collection; returns the seconds taken. */
  async seed(rounds, onProgress = () => {}) {
    const started = Date.now();
    // the services went on numbering (the event log's seq) since the last seeding: start above their head
    this.sequences.clear();
    const batches = new Map();
    const inFlight = new Set();
    const BATCH = 1_000;
    const flush = async (key) => {
      const batch = batches.get(key);
      if (!batch || batch.docs.length === 0) return;
      batches.delete(key);
      const insert = this.insert(batch);
      inFlight.add(insert);
      void insert.finally(() => inFlight.delete(insert));
      if (inFlight.size >= 2) await Promise.race(inFlight);
    };
    for (let r = 0; r < rounds; r++) {
      const round = this.round++;
      const clone = this.copier(round);
      for (let t = 0; t < this.templates.length; t++) {
        if (this.excluded.has(t)) continue;
        const template = this.templates[t];
        const doc = clone(template.doc);
        if (template.sequenceKeys === undefined) template.sequenceKeys = numericUniqueKeys(template);
        for (const field of template.sequenceKeys) doc[field] = await this.nextSequence(template, field);
        const key = `${template.db}.${template.coll}`;
        const batch = batches.get(key) ?? {
          db: template.db,
          coll: template.coll,
          docs: [],
          from: [],
          firstRound: round === 0,
        };
        batch.docs.push(doc);
        batch.from.push(t);
        batches.set(key, batch);
        if (batch.docs.length >= BATCH) await flush(key);
      }
      if (round === 0) {
        // the first copy goes in alone: a template a unique index turns away is excluded from the rest
        for (const key of [...batches.keys()]) await flush(key);
        await Promise.all(inFlight);
      }
      if (r % 500 === 499) onProgress(r + 1);
    }
    for (const key of [...batches.keys()]) await flush(key);
    await Promise.all(inFlight);
    const seconds = (Date.now() - started) / 1000;
    this.seconds += seconds;
    return seconds;
  }

  async insert(batch) {
    try {
      const result = await this.client
        .db(batch.db)
        .collection(batch.coll)
        .insertMany(batch.docs, { ordered: false });
      this.inserted += result.insertedCount;
    } catch (error) {
      const writeErrors = error.writeErrors ?? (error.writeError ? [error.writeError] : []);
      if (writeErrors.length === 0) throw error;
      this.inserted += batch.docs.length - writeErrors.length;
      for (const writeError of writeErrors) {
        // a template the unique indexes turn away in the first copy is not shipment data: left out after
        if (batch.firstRound) this.excluded.add(batch.from[writeError.index]);
        const key = `${batch.db}.${batch.coll}`;
        const message = String(writeError.errmsg ?? writeError.message ?? writeError).slice(0, 200);
        this.rejected.set(key, { count: (this.rejected.get(key)?.count ?? 0) + 1, message });
      }
    }
  }
}

// ------------------------------------------------------------------------------------------- figures

const percentile = (values, p) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const sum = (values) => values.reduce((a, b) => a + b, 0);
const serviceOf = (db) => (db.startsWith(DB_PREFIX) ? db.slice(DB_PREFIX.length) : db);

function groupBy(records, keyOf, divisor) {
  const groups = {};
  for (const r of records) {
    const key = keyOf(r);
    const g = (groups[key] ??= { count: 0, ms: 0 });
    g.count += 1;
    g.ms += r.ms;
  }
  for (const g of Object.values(groups)) {
    g.count /= divisor;
    g.ms /= divisor;
  }
  return groups;
}

function shapeStats(records) {
  const shapes = {};
  for (const r of records) {
    const key = `${r.cmd} ${serviceOf(r.db)}.${r.coll} ${r.shape}`.trim();
    const s = (shapes[key] ??= { count: 0, totalMs: 0, maxMs: 0, latencies: [] });
    s.count += 1;
    s.totalMs += r.ms;
    s.maxMs = Math.max(s.maxMs, r.ms);
    s.latencies.push(r.ms);
  }
  for (const s of Object.values(shapes)) {
    s.meanMs = s.totalMs / s.count;
    s.p50Ms = percentile(s.latencies, 50);
    delete s.latencies;
  }
  return shapes;
}

function summarise(size, shipments, failures, records, idle, idleSeconds, seconds) {
  const m = shipments.length;
  const latencies = records.map((r) => r.ms);
  return {
    size,
    shipments: m,
    failed: failures,
    windowSeconds: seconds,
    commandsPerShipment: records.length / m,
    storeMsPerShipment: sum(latencies) / m,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    lodgeToReleaseP50Ms: percentile(
      shipments.map((s) => s.lodgeToReleaseMs),
      50,
    ),
    lodgeToReleaseMaxMs: Math.max(...shipments.map((s) => s.lodgeToReleaseMs)),
    channels: shipments.reduce((acc, s) => ({ ...acc, [s.channel]: (acc[s.channel] ?? 0) + 1 }), {}),
    byCollection: groupBy(records, (r) => `${serviceOf(r.db)}.${r.coll}`, m),
    byCommand: groupBy(records, (r) => r.cmd, m),
    byStep: groupBy(records, (r) => r.step, m),
    idle: {
      seconds: idleSeconds,
      commandsPerSecond: idleSeconds > 0 ? idle.length / idleSeconds : 0,
      storeMsPerSecond: idleSeconds > 0 ? sum(idle.map((r) => r.ms)) / idleSeconds : 0,
      byCollection: groupBy(idle, (r) => `${serviceOf(r.db)}.${r.coll}`, Math.max(idleSeconds, 1)),
    },
    shapes: shapeStats([...records, ...idle]),
  };
}

const fmt = (value) => {
  if (value === undefined || Number.isNaN(value)) return '-';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
};

function table(title, rows, results) {
  const head = ['', ...results.map((r) => `${r.size} shipments`), 'ratio'];
  const body = rows.map(([label, get]) => {
    const values = results.map((r) => get(r));
    const first = values[0];
    const last = values[values.length - 1];
    const ratio = first > 0 && last !== undefined ? `${(last / first).toFixed(2)}x` : '-';
    return [label, ...values.map(fmt), results.length > 1 ? ratio : '-'];
  });
  const widths = head.map((_, i) => Math.max(...[head, ...body].map((row) => String(row[i]).length)));
  const line = (row) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  process.stdout.write(`\n${title}\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const row of body) process.stdout.write(`${line(row)}\n`);
}

/**
 * The store-level fact behind a scan on mongo-java-server: index use only for equality on _id or on all
 * fields of a unique index. Undefined for a command without a filter (insert, getMore).
 */
function usesIndex(shape, uniqueIndexes) {
  const match = /^\{([^}]*)\}/.exec(shape.split(' ').slice(2).join(' '));
  if (!match) return undefined;
  const equalities = new Set(match[1].split(',').filter((k) => k && !k.includes(':') && !k.startsWith('$')));
  if (equalities.has('_id')) return true;
  return uniqueIndexes.some((fields) => fields.every((f) => equalities.has(f)));
}

function report(results, uniqueByCollection) {
  const last = results[results.length - 1];
  table(
    `Store cost of one shipment (${settings.window} shipments per window, concurrency ${settings.concurrency}${settings.gateOut ? ', with gate-out' : ''})`,
    [
      ['shipments measured', (r) => r.shipments],
      ['shipments failed (not counted)', (r) => r.failed.length],
      ['Mongo commands per shipment', (r) => r.commandsPerShipment],
      ['store time per shipment (ms, sum of latencies)', (r) => r.storeMsPerShipment],
      ['Kafka events per shipment', (r) => r.eventsPerShipment],
      ['Mongo commands per event', (r) => r.commandsPerEvent],
      ['store time per event (ms)', (r) => r.storeMsPerEvent],
      ['command latency p50 (ms)', (r) => r.p50Ms],
      ['command latency p99 (ms)', (r) => r.p99Ms],
      ['lodge -> release p50 (ms)', (r) => r.lodgeToReleaseP50Ms],
      ['lodge -> release max (ms)', (r) => r.lodgeToReleaseMaxMs],
      ['idle: commands per second', (r) => r.idle.commandsPerSecond],
      ['idle: store ms per second', (r) => r.idle.storeMsPerSecond],
    ],
    results,
  );
  const keysOf = (field) => [...new Set(results.flatMap((r) => Object.keys(r[field])))].sort();
  const perKey = (field, what) => (key) => (r) => r[field][key]?.[what] ?? 0;
  table(
    'Commands per shipment, by step (commands seen between one driver step and the next)',
    keysOf('byStep').map((k) => [k, perKey('byStep', 'count')(k)]),
    results,
  );
  table(
    'Store ms per shipment, by step',
    keysOf('byStep').map((k) => [k, perKey('byStep', 'ms')(k)]),
    results,
  );
  table(
    'Commands per shipment, by command',
    keysOf('byCommand').map((k) => [k, perKey('byCommand', 'count')(k)]),
    results,
  );
  table(
    'Commands per shipment, by service.collection',
    keysOf('byCollection').map((k) => [k, perKey('byCollection', 'count')(k)]),
    results,
  );
  table(
    'Store ms per shipment, by service.collection',
    keysOf('byCollection').map((k) => [k, perKey('byCollection', 'ms')(k)]),
    results,
  );
  // queries whose latency grows with the data
  const first = results[0];
  const growing = Object.entries(last.shapes)
    .map(([shape, s]) => {
      const base = first.shapes[shape];
      const service = shape.split(' ')[1].split('.')[0];
      const coll = shape.split(' ')[1].slice(service.length + 1);
      return {
        query: shape,
        count: s.count,
        firstMeanMs: base?.meanMs,
        lastMeanMs: s.meanMs,
        growth: base ? s.meanMs / base.meanMs : undefined,
        indexed: usesIndex(shape, uniqueByCollection.get(`${service}.${coll}`) ?? []),
      };
    })
    .filter((q) => q.growth === undefined || q.growth >= 2 || (q.indexed === false && q.lastMeanMs >= 5))
    .sort((a, b) => b.lastMeanMs - a.lastMeanMs);
  process.stdout.write(
    `\nQueries whose mean latency grows with the data (>= 2x from ${first.size} to ${last.size} shipments, ` +
      'or not served by an index and >= 5 ms); index = equality on _id or on all fields of a unique index\n',
  );
  for (const q of growing) {
    process.stdout.write(
      `  ${fmt(q.firstMeanMs).padStart(7)} -> ${fmt(q.lastMeanMs).padStart(8)} ms  ` +
        `${q.growth ? `${q.growth.toFixed(1)}x` : 'new'}`.padEnd(7) +
        `  ${q.indexed === undefined ? '-    ' : q.indexed ? 'index' : 'SCAN '}  n=${String(q.count).padEnd(5)} ${q.query}\n`,
    );
  }
  return growing;
}

// ----------------------------------------------------------------------------------------------- main

async function measure(size, driver) {
  await quiet(500, 5_000);
  const shipments = [];
  recorder.records = [];
  recorder.step = 'other';
  recorder.open = true;
  const started = Date.now();
  const stopAt = started + settings.windowMinutes * 60_000;
  const failures = [];
  let next = 0;
  const worker = async () => {
    while (next < settings.window && Date.now() < stopAt) {
      next += 1;
      const step =
        settings.concurrency === 1
          ? (name) => {
              recorder.step = name;
            }
          : () => {};
      try {
        shipments.push(await driver.shipment(step));
      } catch (error) {
        failures.push(error.message);
        log(`  shipment failed (not counted): ${error.message}`);
      }
      if (settings.concurrency === 1) {
        recorder.step = 'after release';
        await quiet(400, 3_000);
      }
    }
  };
  await Promise.all(Array.from({ length: settings.concurrency }, worker));
  recorder.step = 'after release';
  await quiet(400, 3_000);
  const seconds = (Date.now() - started) / 1000;
  recorder.open = false;
  const records = recorder.records;
  recorder.records = [];
  recorder.step = 'idle';
  recorder.open = true;
  await sleep(settings.idleSeconds * 1000);
  recorder.open = false;
  const idle = recorder.records;
  recorder.records = [];
  const result = summarise(size, shipments, failures, records, idle, settings.idleSeconds, seconds);
  // the events each shipment caused on the four pipeline topics, as counted by this script's consumer
  result.eventsPerShipment = sum(shipments.map((s) => driver.watch.eventsOf(s.bl).length)) / shipments.length;
  result.commandsPerEvent = result.commandsPerShipment / result.eventsPerShipment;
  result.storeMsPerEvent = result.storeMsPerShipment / result.eventsPerShipment;
  return result;
}

async function uniqueIndexes(client) {
  const result = new Map();
  const { databases } = await client.db('admin').command({ listDatabases: 1, nameOnly: true });
  for (const { name } of databases.filter((d) => d.name.startsWith(DB_PREFIX))) {
    for (const { name: coll } of await client.db(name).listCollections({}, { nameOnly: true }).toArray()) {
      const indexes = await client.db(name).collection(coll).indexes();
      result.set(
        `${serviceOf(name)}.${coll}`,
        indexes.filter((i) => i.unique && i.name !== '_id_').map((i) => Object.keys(i.key)),
      );
    }
  }
  return result;
}

async function cleanUp(client) {
  if (settings.keep) {
    log(`kept databases ${DB_PREFIX}* and topics ${TOPIC_PREFIX}*`);
    return;
  }
  const { databases } = await client.db('admin').command({ listDatabases: 1, nameOnly: true });
  for (const { name } of databases.filter((d) => d.name.startsWith(DB_PREFIX)))
    await client.db(name).dropDatabase();
  const admin = new Kafka({ brokers: settings.kafka.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(TOPIC_PREFIX));
  if (topics.length > 0) await admin.deleteTopics({ topics });
  await admin.disconnect();
  log(`dropped databases ${DB_PREFIX}* and ${topics.length} topics ${TOPIC_PREFIX}*`);
}

function writeJson(content) {
  fs.writeFileSync(settings.json, JSON.stringify({ run: RUN, settings, ...content }, null, 2));
}

/** The sizes measured so far: printed when the run is interrupted. */
const results = [];

async function main() {
  if (settings.ref) {
    appRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'store-cost-'));
    log(`exporting ${settings.ref} to ${appRoot}`);
    const archive = execFileSync('git', ['archive', settings.ref], { cwd: ROOT, maxBuffer: 1 << 30 });
    execFileSync('tar', ['-x', '-C', appRoot], { input: archive });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(appRoot, 'node_modules'));
  }
  if (settings.build || settings.ref) {
    log(`building in ${appRoot} (npx tsc -p tsconfig.build.json)`);
    try {
      execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: appRoot, stdio: 'inherit' });
    } catch {
      // tsc still emits: a type error in a file being edited need not stop the measurement
      log('tsc reported errors (above); running what it emitted to dist/');
    }
  }
  const upstream = new URL(settings.mongo);
  const proxy = await startProxy(upstream.hostname, Number(upstream.port || 27017));
  const proxyUri = `mongodb://127.0.0.1:${proxy.address().port}/?directConnection=true`;
  const client = await MongoClient.connect(settings.mongo);
  const watch = new EventWatch(settings.kafka);
  const seeding = [];
  let seeder;
  try {
    log(
      `run ${RUN}: topics ${TOPIC_PREFIX}*, databases ${DB_PREFIX}*, proxy ${proxyUri} -> ${settings.mongo}`,
    );
    const env = {
      KAFKA_BROKERS: settings.kafka,
      MONGO_URI: proxyUri,
      TOPIC_PREFIX,
      MONGO_DB_PREFIX: DB_PREFIX,
      TOPIC_PARTITIONS: '3',
      JWT_SECRET,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      RISK_RANDOM_RATE: '0',
    };
    const started = Date.now();
    const urls = {};
    for (const app of APPS) urls[app] = await startService(app, env);
    log(`five services healthy in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    await watch.start();
    const driver = new Driver(urls, watch);

    // seed shipments: real ones, the templates of the copies
    const seedBls = [];
    for (let i = 0; i < settings.seeds; i++) seedBls.push((await driver.shipment()).bl);
    await quiet(1_000, 10_000);
    await sleep(2_000);
    const { templates, skipped, ids } = await loadTemplates(client, seedBls);
    const perShipment = templates.length / settings.seeds;
    log(
      `${settings.seeds} seed shipments driven; ${templates.length} documents (${fmt(perShipment)} per shipment) ` +
        `in ${new Set(templates.map((t) => `${t.db}.${t.coll}`)).size} collections are their templates, ` +
        `${ids.size} ids; not copied: ${skipped.length} documents (${[...new Set(skipped.map((s) => `${serviceOf(s.db)}.${s.coll}`))].join(', ') || 'none'})`,
    );
    seeder = new Seeder(client, templates, ids, seedBls);
    let stored = settings.seeds;

    for (let size of settings.sizes) {
      if (size > stored) {
        const rounds = Math.ceil((size - stored) / settings.seeds);
        if (seeder.seconds > 0) {
          const perRound = seeder.seconds / seeder.round;
          const projected = (rounds * perRound) / 60;
          if (projected > settings.maxSeedMinutes) {
            const affordable =
              Math.floor((settings.maxSeedMinutes * 60) / perRound) * settings.seeds + stored;
            const reduced = Math.max(stored, Math.floor(affordable / 10_000) * 10_000 || affordable);
            log(
              `seeding to ${size} would take ~${projected.toFixed(0)} min at ${fmt(settings.seeds / perRound)} ` +
                `shipments/s (> ${settings.maxSeedMinutes} min): measuring at ${reduced} instead`,
            );
            size = reduced;
          }
        }
        const toSeed = Math.ceil((size - stored) / settings.seeds);
        log(
          `seeding ${toSeed * settings.seeds} shipments (${toSeed} copies of the seed set) straight into ${settings.mongo}`,
        );
        const seconds = await seeder.seed(toSeed, (done) =>
          log(`  ${done * settings.seeds} / ${toSeed * settings.seeds} shipments`),
        );
        stored += toSeed * settings.seeds;
        seeding.push({
          size,
          shipments: toSeed * settings.seeds,
          documents: Math.round(toSeed * templates.length),
          seconds,
        });
        log(
          `seeded in ${seconds.toFixed(0)} s (${fmt((toSeed * settings.seeds) / seconds)} shipments/s, ` +
            `${fmt((toSeed * templates.length) / seconds)} documents/s)` +
            (seeder.rejected.size > 0
              ? `; rejected by a unique index: ${JSON.stringify([...seeder.rejected])}`
              : ''),
        );
      }
      log(`measuring ${settings.window} shipments at ${stored} stored shipments`);
      const result = await measure(stored, driver);
      stored += settings.window;
      results.push(result);
      if (settings.json) writeJson({ seeding, templatesPerShipment: perShipment, results, partial: true });
      log(
        `  ${fmt(result.commandsPerShipment)} commands, ${fmt(result.storeMsPerShipment)} ms store time per shipment; ` +
          `lodge -> release p50 ${fmt(result.lodgeToReleaseP50Ms)} ms`,
      );
    }
    const unique = await uniqueIndexes(client);
    const growing = report(results, unique);
    if (settings.json) {
      writeJson({ seeding, templatesPerShipment: perShipment, results, growing });
      log(`wrote ${settings.json}`);
    }
  } finally {
    recorder.open = false;
    await watch.stop().catch(() => {});
    await stopServices();
    await cleanUp(client).catch((error) => log(`clean-up failed: ${error.message}`));
    await client.close();
    proxy.close();
    if (settings.ref) fs.rmSync(appRoot, { recursive: true, force: true });
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    recorder.open = false;
    if (results.length > 0) report(results, new Map());
    log(`interrupted: databases ${DB_PREFIX}* and topics ${TOPIC_PREFIX}* are left in place`);
    if (settings.ref && appRoot !== ROOT) fs.rmSync(appRoot, { recursive: true, force: true });
    void stopServices().then(() => process.exit(130));
  });
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  void stopServices().then(() => process.exit(1));
});
