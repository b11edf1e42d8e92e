import { ALL_TOPICS, deadLetterTopicOf, Events } from '@tongguan/contracts';
import { EventTap, type AppName, type TappedMessage } from '@tongguan/testing';
import fs from 'node:fs';
import path from 'node:path';
import { APP_OF, ScaledPlatform } from '../support/scaled-platform';
import { DedicatedInfrastructure } from './support/dedicated-infrastructure';
import { reconcile, type StoreView } from './support/reconciliation';
import { CHANNELS, ShipmentDriver, sleep, type DrivenShipment } from './support/shipment-driver';

/**
 * The fault suite: under a steady load of shipments, every service is killed (-9) in turn and
 * restarted, the broker and the store are restarted, and second instances join and are killed
 * (rebalances). Then every shipment is reconciled against what its clients were told, Kafka (read
 * again from the beginning) and the stores: nothing lost, nothing done twice, nothing stranded.
 * It runs on a broker and a store of its own (restarting the shared ones would break other tests).
 * Knobs: FAULTS_RATE (shipments/s, default 1), FAULTS_GAP_S (seconds of load between faults, 20).
 */
const RATE = Number(process.env.FAULTS_RATE ?? 1);
const GAP_MS = Number(process.env.FAULTS_GAP_S ?? 20) * 1000;
/** After the last fault, how long the shipments in flight get to be released. */
const RELEASE_WAIT_MS = 300_000;
const SERVICES = Object.values(APP_OF);

interface Fault {
  name: string;
  inject: () => Promise<void>;
}

interface FaultRecord {
  name: string;
  startedAt: number;
  /** When the faulted part answered again (the injection returned). */
  backAt: number;
  /** From the fault to the first release after the part was back: the pipeline flows again. */
  recoverySeconds: number | null;
}

describe('the fault suite', () => {
  const infra = new DedicatedInfrastructure();
  let platform: ScaledPlatform;
  const shipments: DrivenShipment[] = [];
  const faults: FaultRecord[] = [];
  /** When the live tap first saw each shipment's release (wall clock). */
  const releasedAt = new Map<string, number>();

  beforeAll(async () => {
    await infra.startFresh();
    process.env.KAFKA_BROKERS = infra.kafkaBrokers;
    process.env.MONGO_URI = infra.mongoUri;
    platform = new ScaledPlatform('faults', {}, 1, { quietTap: true });
    await platform.start();
  }, 600_000);

  afterAll(async () => {
    await platform?.stop().catch(() => undefined);
    await infra.stop();
  }, 120_000);

  it('loses, duplicates and strands nothing while services, broker and store fail under load', async () => {
    const { services } = platform;
    const driver = new ShipmentDriver(services);
    const plan: Fault[] = [
      ...SERVICES.map((app) => ({
        name: `kill -9 ${app}, restart`,
        inject: () => services.restart(app, 'SIGKILL'),
      })),
      { name: 'restart the broker', inject: () => infra.restart('kafka') },
      { name: 'restart the store', inject: () => infra.restart('mongo') },
      {
        name: 'second instance of inspection and logistics-trading joins',
        inject: () => services.start(['inspection', 'logistics-trading']),
      },
      {
        name: 'kill -9 the second instances',
        inject: async () => {
          await services.stop('inspection', 'SIGKILL', 1);
          await services.stop('logistics-trading', 'SIGKILL', 1);
        },
      },
    ];

    const watcher = watchReleases(platform.tap, releasedAt);
    let offering = true;
    const runId = Date.now().toString(36).toUpperCase().slice(-5);
    const driving: Promise<void>[] = [];
    const load = (async () => {
      for (let i = 0; offering; i++) {
        const s: DrivenShipment = {
          bl: `FLT${runId}${String(i).padStart(5, '0')}`,
          channel: CHANNELS[i % 3],
          lodged: false,
          decided: false,
          gaveUp: [],
        };
        shipments.push(s);
        driving.push(driver.drive(s));
        await sleep(1000 / RATE);
      }
    })();

    await sleep(GAP_MS);
    for (const fault of plan) {
      const startedAt = Date.now();
      await fault.inject();
      faults.push({ name: fault.name, startedAt, backAt: Date.now(), recoverySeconds: null });
      await sleep(GAP_MS);
    }
    offering = false;
    await load;
    driver.patienceUntil = Date.now() + RELEASE_WAIT_MS;
    await Promise.all(driving);
    await waitFor(() => shipments.every((s) => s.gaveUp.length > 0 || releasedAt.has(s.bl)), RELEASE_WAIT_MS);
    clearInterval(watcher);
    for (const f of faults) {
      const firstRelease = Math.min(...[...releasedAt.values()].filter((t) => t >= f.backAt));
      f.recoverySeconds = Number.isFinite(firstRelease) ? (firstRelease - f.startedAt) / 1000 : null;
    }

    // the consumers and relays finish what the tap has seen, then Kafka is read again from the start
    const store = await waitForStores(platform, [...releasedAt.keys()]);
    const messages = await readEverything(platform.env.TOPIC_PREFIX, platform.tap.messages.length);
    const result = reconcile(shipments, messages, store);

    const report = {
      shipments: result.shipments,
      released: shipments.filter((s) => releasedAt.has(s.bl)).length,
      faultsInjected: faults.length,
      lost: result.lost.length,
      duplicated: result.duplicated.length,
      stranded: result.stranded.length,
      recoverySeconds: Object.fromEntries(faults.map((f) => [f.name, f.recoverySeconds])),
      maxRecoverySeconds: Math.max(...faults.map((f) => f.recoverySeconds ?? Infinity)),
      details: { lost: result.lost, duplicated: result.duplicated, stranded: result.stranded },
    };
    printReport(report);
    const out = path.join(infra.localDir, 'fault-report.json');
    fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);

    expect(result.lost).toEqual([]);
    expect(result.duplicated).toEqual([]);
    expect(result.stranded).toEqual([]);
    expect(faults.every((f) => f.recoverySeconds !== null)).toBe(true);
  }, 1_800_000);

  /** Timestamps each ShipmentReleased the live tap sees, as it sees it. */
  function watchReleases(tap: EventTap, seen: Map<string, number>): NodeJS.Timeout {
    let next = 0;
    return setInterval(() => {
      for (; next < tap.messages.length; next++) {
        const m = tap.messages[next];
        if (m.headers.ce_type === Events.ShipmentReleased.type && m.key && !seen.has(m.key)) {
          seen.set(m.key, Date.now());
        }
      }
    }, 100);
  }
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await sleep(500);
  }
  return true;
}

/** The stores once they caught up: no outbox backlog, and the monitor saw every release Kafka carried. */
async function waitForStores(platform: ScaledPlatform, released: string[]): Promise<StoreView> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const view = await storeView(platform);
    const done = view.outboxBacklog.size === 0 && released.every((bl) => view.timelines.get(bl)?.released);
    if (done || Date.now() > deadline) return view;
    await sleep(1_000);
  }
}

async function storeView(platform: ScaledPlatform): Promise<StoreView> {
  const paymentsPerShipment = await platform.countBy('logistics-trading', 'payments', 'shipmentId');
  const docs = await platform
    .db('clearance-monitor')
    .collection('timelines')
    .find({}, { projection: { stamps: 1 } })
    .toArray();
  const timelines = new Map(docs.map((d) => [String(d._id), d.stamps as Record<string, unknown>]));
  const outboxBacklog = new Map<string, number>();
  for (const app of Object.values(APP_OF) as AppName[]) {
    const db = platform.db(app);
    for (const { name } of await db.listCollections().toArray()) {
      const n = await db.collection(name).countDocuments({ outboxPending: true });
      if (n > 0) outboxBacklog.set(`${db.databaseName}.${name}`, n);
    }
  }
  return { paymentsPerShipment, timelines, outboxBacklog };
}

/** Every message of every topic, read again from the beginning by a new consumer. */
async function readEverything(topicPrefix: string, atLeast: number): Promise<TappedMessage[]> {
  const tap = new EventTap(process.env.KAFKA_BROKERS!, topicPrefix, { quiet: true });
  await tap.start([...ALL_TOPICS, ...ALL_TOPICS.map(deadLetterTopicOf)]);
  let previous = -1;
  await waitFor(() => {
    const stable = tap.messages.length >= atLeast && tap.messages.length === previous;
    previous = tap.messages.length;
    return stable;
  }, 60_000);
  await tap.stop();
  return tap.messages;
}

function printReport(report: {
  shipments: number;
  released: number;
  faultsInjected: number;
  lost: number;
  duplicated: number;
  stranded: number;
  recoverySeconds: Record<string, number | null>;
  details: Record<string, string[]>;
}): void {
  const lines = [
    '',
    'fault suite',
    `  shipments        ${report.shipments} (released ${report.released})`,
    `  faults injected  ${report.faultsInjected}`,
    `  lost             ${report.lost}`,
    `  duplicated       ${report.duplicated}`,
    `  stranded         ${report.stranded}`,
    '  recovery seconds (fault → first release after the part is back)',
    ...Object.entries(report.recoverySeconds).map(
      ([name, seconds]) => `    ${(seconds === null ? 'never' : seconds.toFixed(1)).padStart(7)}  ${name}`,
    ),
    ...Object.entries(report.details).flatMap(([kind, items]) =>
      items.slice(0, 20).map((item) => `  ${kind}: ${item}`),
    ),
    '',
  ];
  process.stdout.write(lines.join('\n'));
}
