#!/usr/bin/env node
// End-to-end pipeline benchmark (`npm run bench`): measures the limit the broker and the store allow on
// this machine, then starts the five compiled services of a checkout on their own topics and databases
// for each measurement point and drives shipments through the whole pipeline over the public HTTP APIs
// (vessel call, manifest, discharge, declaration; the officer decides every inspection task and the
// importer settles every payment as soon as the events say so), measuring lodge -> ShipmentReleased.
//
//   node bench/pipeline.js [--rates 10,25,50,100] [--closed 200] [--duration 45 | --count N] [--drain 30]
//                          [--instances N] [--repo PATH]... [--json FILE] [--docs] [--no-build]
//                          [--no-limit] [--soak SECONDS --rate R] [--profile DIR] [--env KEY=VALUE]...
//                          [--mongo mongodb://127.0.0.1:27017] [--kafka 127.0.0.1:9092] [--warmup 3]
//                          [--mix 6,3,1] [--partitions 6] [--keep-data] [--infra-pids kafka=PID,mongo=PID]
//                          [--calibrate 20] [--limit-messages 20000] [--limit-iterations 3000]
//
// Without --rates, --closed or --soak it runs open loop at 10, 25, 50 and 100/s and closed loop with 200
// in flight, 45 s offered and up to 30 s drained each, after the limit.
// --rates      offered rates, shipments per second (open loop: a shipment starts on schedule whatever
//              the platform does); each run has freshly started services, a fresh TOPIC_PREFIX and
//              MONGO_DB_PREFIX, so no run sees another's data
// --closed     closed loop with this many shipments in flight (one run per value)
// --duration   seconds each run offers shipments; --count N offers N shipments instead
// --drain      seconds to wait after the last offer for the shipments in flight
// --instances  processes per service (own ports; HTTP calls go round-robin over them)
// --repo       the checkout whose services run (default this script's), built first with
//              `npx tsc -p tsconfig.build.json` unless --no-build. Give it twice (before, after) to run
//              every measurement point on each in turn and print the ratios against the first
// --json       where the figures go (default bench/results/latest.json)
// --docs       rewrites the figures in docs/performance.md between <!-- bench:begin --> and
//              <!-- bench:end --> (machine, commit, date, load, command); off by default, so that a
//              short trial run never overwrites them
// limit        before the runs: a calibration run (--calibrate shipments, 4 in flight) counts Kafka
//              messages and store commands per shipment (tongguan_store_commands_total of every
//              service's /metrics) and the mean message and document size; then raw Kafka (
//              --limit-messages messages, idempotent acks=all producers, one per service process,
//              batches of 100, one consumer group) and raw store throughput (--limit-iterations rounds
//              of insertOne + findOne + updateOne by _id, 10 at once); limit = min(msgs/s / msgs per
//              shipment, ops/s / commands per shipment). --no-limit skips it
// --soak       one open-loop run of SECONDS at --rate R (default 50): p99 per minute of lodge time and
//              the last minute's p99 over the first's (no limit measured)
// --mix        green,yellow,red weights of the shipments (GREEN: no check; YELLOW: document check of frozen
//              fish; RED: physical inspection of goods from a high-risk origin); RISK_RANDOM_RATE is 0
// --env        extra environment for every service (e.g. --env MONGO_POOL_SIZE=1); repeatable
// --profile    DIR: CPU-profiles every service over the measured window (offer and drain, not the
//              warm-up) into DIR/<service>-<pid>.cpuprofile; summarise with bench/profile-summary.js
// --infra-pids the Kafka and Mongo-wire processes to watch (default: found from their listening ports)
// --keep-data  leaves the runs' databases and topics in place (default: dropped and deleted at the end)
// The importer declares once the bench's consumer has seen the B/L's BillOfLadingManifested (its feed);
// a lodgement still refused BL_NOT_MANIFESTED is filed again after 100 ms, doubling to 1 s, and counted
// as an early refusal. Latencies are wall clock, measured by this process from the send of the first
// lodge request; the business clock is real time. Service logs go to a folder under the temp dir.
const { execFileSync } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { clearTimeout } = require('node:timers');
const { performance } = require('node:perf_hooks');
const { rawKafka, rawStore } = require('./lib/limit');
const { replaceBetweenMarkers } = require('./lib/markdown');
const { measure, meanDocumentBytes } = require('./lib/measure');
const { parseOptions, usage } = require('./lib/options');
const { APPS } = require('./lib/platform');
const { pidListeningOn } = require('./lib/procfs');
const { markdownSection, printRuns } = require('./lib/report');
const { limitOf } = require('./lib/stats');

const benchRepo = path.join(__dirname, '..');
const args = process.argv.slice(2);
const options = parseOptions(args, benchRepo);

// the project's own clients (kafkajs, mongodb, jsonwebtoken), resolved from the first checkout
const requireFromRepo = (name) => require(require.resolve(name, { paths: [options.repos[0], __dirname] }));
const { Kafka, logLevel, Partitioners } = requireFromRepo('kafkajs');
const { MongoClient, BSON } = requireFromRepo('mongodb');

const ctx = {
  options,
  Partitioners,
  MongoClient,
  BSON,
  jwt: requireFromRepo('jsonwebtoken'),
  kafka: new Kafka({
    clientId: `bench-pipeline-${randomUUID().slice(0, 8)}`,
    brokers: options.brokers,
    logLevel: logLevel.ERROR,
    retry: { initialRetryTime: 300, retries: 10 },
  }),
  now: () => performance.now(),
  log: (text) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${text}\n`),
  platforms: new Set(),
  infraPids: [],
};
let interrupted = false;

/** The broker's and the store's processes, by their listening ports (or --infra-pids). */
function infraPids() {
  if (options.infraPids) {
    return options.infraPids.split(',').map((pair) => {
      const [name, pid] = pair.split('=');
      if (!name || !(Number(pid) > 0)) usage(`--infra-pids wants NAME=PID,..., got ${pair}`);
      return { name, pid: Number(pid) };
    });
  }
  const local = (host) => ['127.0.0.1', 'localhost', '::1'].includes(host);
  const found = [];
  const [kafkaHost, kafkaPort] = options.brokers[0].split(':');
  const mongo = /^mongodb:\/\/(?:[^@/]*@)?([^:/,]+):?(\d+)?/.exec(options.mongo);
  for (const [name, host, port] of [
    ['kafka', kafkaHost, Number(kafkaPort ?? 9092)],
    ['mongo', mongo?.[1], Number(mongo?.[2] ?? 27017)],
  ]) {
    const pid = local(host) ? pidListeningOn(port) : null;
    if (pid) found.push({ name, pid });
    else ctx.log(`${name}: no local process listens on ${host}:${port}; its CPU is not measured`);
  }
  return found;
}

function commitOf(repo) {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo }).toString().trim();
  } catch {
    return null;
  }
}

/** Calibration per checkout, then the raw broker and store figures, and the limit each checkout gets. */
async function measureLimit(repos) {
  const calibrations = [];
  for (const [i, repo] of repos.entries()) {
    let headers = null;
    const result = await measure(ctx, repo.path, {
      mode: 'closed',
      value: 4,
      count: options.calibrate,
      seconds: options.duration,
      label: `calibration${repos.length > 1 ? ` ${repo.label}` : ''}`,
      inspect: async ({ platform, run, mongo }) => {
        headers = run.sampleHeaders;
        return { meanDocumentBytes: await meanDocumentBytes(ctx, mongo, platform.databases()) };
      },
    });
    result.repoIndex = i;
    calibrations.push({ result, headers });
    ctx.log(
      `calibration: ${result.perShipment.messages} messages (${result.meanMessageBytes} B) and ` +
        `${result.perShipment.storeCommands} store commands per shipment, documents ${result.meanDocumentBytes} B`,
    );
  }
  const [first] = calibrations;
  if (!first.result.meanMessageBytes || !first.headers) throw new Error('calibration: no message seen');
  const kafka = await rawKafka(ctx, {
    messages: options.limitMessages,
    bytes: first.result.meanMessageBytes,
    headers: first.headers,
    producers: APPS.length * options.instances,
    batch: 100,
  });
  const store = await rawStore(ctx, {
    iterations: options.limitIterations,
    bytes: first.result.meanDocumentBytes ?? 1_000,
    concurrency: Number(options.env.MONGO_POOL_SIZE ?? 10),
  });
  const byRepo = calibrations.map(({ result }, i) => ({
    repoLabel: repos[i].label,
    msgsPerShipment: result.perShipment.messages,
    storeOpsPerShipment: result.perShipment.storeCommands,
    ...limitOf({
      kafkaMsgsPerSecond: kafka.msgsPerSecond,
      msgsPerShipment: result.perShipment.messages,
      storeOpsPerSecond: store.opsPerSecond,
      storeOpsPerShipment: result.perShipment.storeCommands,
    }),
  }));
  return { limit: { kafka, store, byRepo }, calibrations: calibrations.map((c) => c.result) };
}

function commandLine() {
  const event = process.env.npm_lifecycle_event;
  if (event === 'bench' || event === 'bench:pipeline')
    return `npm run ${event}${args.length ? ` -- ${args.join(' ')}` : ''}`;
  return `node bench/pipeline.js${args.length ? ` ${args.join(' ')}` : ''}`;
}

async function main() {
  process.once('SIGINT', () => void interrupt('SIGINT'));
  process.once('SIGTERM', () => void interrupt('SIGTERM'));
  for (const repo of options.repos) {
    if (!options.build) break;
    ctx.log(`building ${repo} (npx tsc -p tsconfig.build.json)`);
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: repo, stdio: 'inherit' });
  }
  const repos = options.repos.map((repoPath) => {
    const commit = commitOf(repoPath);
    return { path: repoPath, commit, label: `@${commit ?? path.basename(repoPath)}` };
  });
  ctx.infraPids = infraPids();
  const machine = {
    date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    ramGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    commits: repos.map((r) => r.commit ?? r.path),
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
    command: commandLine(),
  };
  const multi = repos.length > 1;
  process.stdout.write(
    `pipeline bench: ${repos.map((r) => `${r.path} (${r.commit ?? 'no git'})`).join(' vs ')}, mongo ${options.mongo}, ` +
      `kafka ${options.brokers.join(',')}, ${options.count ? `${options.count} shipments` : `${options.duration} s`} ` +
      `per run, ${options.instances} instance(s) per service, mix ${options.mix.join('/')}, ${machine.cpus} cpus, ` +
      `load ${machine.loadAverage[0]}${Object.keys(options.env).length ? `, env ${JSON.stringify(options.env)}` : ''}\n`,
  );
  const report = { at: new Date().toISOString(), machine, options: { ...options }, limit: null, results: [] };
  if (options.limit) Object.assign(report, await measureLimit(repos));
  const points = [...options.rates.map((r) => ['open', r]), ...options.closed.map((c) => ['closed', c])];
  for (const [mode, value] of points) {
    for (const [i, repo] of repos.entries()) {
      if (interrupted) break;
      const label = `${mode === 'open' ? `${value}/s` : `closed ${value}`}${multi ? ` ${repo.label}` : ''}`;
      const result = await measure(ctx, repo.path, {
        mode,
        value,
        label,
        seconds: options.duration,
        count: options.count,
        soakMinutes: options.soak ? Math.max(1, Math.floor(options.soak / 60)) : undefined,
      });
      result.repoIndex = i;
      report.results.push(result);
      printRuns({ ...report, results: [result] });
    }
  }
  if (report.results.length > 1) {
    process.stdout.write('\nsummary (latency = lodge -> ShipmentReleased, wall clock)\n');
    printRuns(report);
  }
  fs.mkdirSync(path.dirname(options.json), { recursive: true });
  fs.writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
  ctx.log(`wrote ${options.json}`);
  if (options.docs && report.results.length) {
    const file = path.join(benchRepo, 'docs', 'performance.md');
    fs.writeFileSync(file, replaceBetweenMarkers(fs.readFileSync(file, 'utf8'), markdownSection(report)));
    ctx.log(`rewrote the figures in ${file}`);
  }
}

async function interrupt(signal) {
  if (interrupted) return;
  interrupted = true;
  ctx.log(`${signal}: stopping the services`);
  const hardStop = setTimeout(() => process.exit(130), 20_000);
  await Promise.all([...ctx.platforms].map((p) => p.stop().catch(() => undefined)));
  if (!options.keepData)
    await Promise.all([...ctx.platforms].map((p) => p.removeData().catch(() => undefined)));
  clearTimeout(hardStop);
  process.exit(130);
}

main().then(
  () => process.exit(0),
  async (error) => {
    ctx.log(`failed: ${error.stack ?? error.message}`);
    await Promise.all([...ctx.platforms].map((p) => p.stop().catch(() => undefined)));
    process.exit(1);
  },
);
