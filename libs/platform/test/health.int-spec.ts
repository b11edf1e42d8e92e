import { EventTap, ServiceProcesses, testEnvironment, eventually, freePort } from '@tongguan/testing';
import net from 'node:net';

/**
 * A TCP relay between one app and the test store, so the test can take the store away from that app
 * alone (the shared store keeps running for everyone else) and give it back.
 */
class StoreRelay {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();

  constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
  ) {}

  async open(): Promise<void> {
    this.server = net.createServer((client) => {
      const store = net.connect(this.target.port, this.target.host);
      for (const socket of [client, store]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(store).pipe(client);
      client.on('close', () => store.destroy());
      store.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  /** Refuses new connections and cuts the open ones: the store is unreachable. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const base = testEnvironment('health', { METRICS_REFRESH_SECONDS: '1' });
const storeUrl = new URL(base.MONGO_URI);
let relay: StoreRelay;
let services: ServiceProcesses;
let tap: EventTap;
let monitor: string;

beforeAll(async () => {
  relay = new StoreRelay({ host: storeUrl.hostname, port: Number(storeUrl.port || 27017) }, await freePort());
  await relay.open();
  services = new ServiceProcesses({ ...base, MONGO_URI: `mongodb://127.0.0.1:${relay.port}` });
  await services.start(['clearance-monitor']);
  monitor = services.url('clearance-monitor');
  tap = new EventTap(base.KAFKA_BROKERS, base.TOPIC_PREFIX, { quiet: true });
});

afterAll(async () => {
  await services?.stopAll();
  await tap?.stop();
  await relay?.close();
});

async function probe(path: string) {
  const response = await fetch(`${monitor}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** The consumer lag series of the app's /metrics, by topic and partition. */
async function lagSeries(): Promise<Map<string, number>> {
  const text = await (await fetch(`${monitor}/metrics`)).text();
  const series = new Map<string, number>();
  for (const [, labels, value] of text.matchAll(/^tongguan_consumer_lag\{([^}]*)\} (\S+)$/gm))
    series.set(labels, Number(value));
  return series;
}

const metric = async (name: string) => {
  const text = await (await fetch(`${monitor}/metrics`)).text();
  const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : undefined;
};

const arrival = (shipmentId: string) => ({
  shipmentId,
  vesselCallId: 'VC-HEALTH',
  vesselName: 'HEALTH PROBE',
  voyage: '001E',
  containerNumbers: ['MSCU1234565'],
  packages: 1,
  grossWeightKg: 100,
});

it('is live and ready without a token, with its consumer in its group, and shows its backlog gauges', async () => {
  const live = await probe('/health/live');
  expect(live).toMatchObject({ status: 200, body: { status: 'up', service: 'clearance-monitor' } });
  const ready = await eventually(async () => {
    const answer = await probe('/health/ready');
    return answer.status === 200 && answer;
  });
  expect(ready.body).toMatchObject({
    status: 'up',
    kafka: { up: true },
    mongo: { up: true },
    consumer: { up: true, group: `${base.TOPIC_PREFIX}tongguan-clearance-monitor` },
  });
  expect((await probe('/health')).body.status).toBe('up'); // the old endpoint answers as before
  await eventually(async () => (await metric('tongguan_inbox_entries')) !== undefined);
  expect(await metric('tongguan_outbox_backlog')).toBeGreaterThanOrEqual(0);
  expect(await metric('tongguan_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(0);
});

it('turns not ready while its store is unreachable, stays live, and its lag builds up and drains to 0', async () => {
  await relay.close();
  const down = await eventually(async () => {
    const answer = await probe('/health/ready');
    return answer.status === 503 && answer;
  });
  expect(down.body).toMatchObject({ status: 'down', mongo: { up: false }, kafka: { up: true } });
  expect(typeof down.body.mongo.error).toBe('string');
  expect((await probe('/health/live')).status).toBe(200);

  // the consumer cannot store what it reads now, so these wait on the broker as lag
  const sent = 6;
  for (let i = 0; i < sent; i++) await tap.publish('CargoArrived', arrival(`SH-HEALTH-${i}`));
  const behind = await eventually(
    async () => {
      const total = [...(await lagSeries()).values()].reduce((a, b) => a + b, 0);
      return total >= sent && total;
    },
    30_000,
    'the lag to show the waiting events',
  );
  expect(behind).toBeGreaterThanOrEqual(sent);
  for (const labels of (await lagSeries()).keys())
    expect(labels).toMatch(/^group="[^"]+tongguan-clearance-monitor",topic="[^"]+",partition="\d+"$/);

  await relay.open();
  await eventually(async () => (await probe('/health/ready')).status === 200, 60_000, 'ready again');
  await eventually(
    async () => {
      const series = await lagSeries();
      return series.size > 0 && [...series.values()].every((lag) => lag === 0);
    },
    60_000,
    'the lag to fall to 0 once consumed',
  );
});
