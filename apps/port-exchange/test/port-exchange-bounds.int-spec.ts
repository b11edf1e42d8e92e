import { signToken, TOKEN_ISSUER } from '@tongguan/auth';
import {
  ApiClient,
  EventTap,
  eventually,
  ServiceProcesses,
  TEST_JWT_SECRET,
  testEnvironment,
  tokenFor,
} from '@tongguan/testing';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { containerCheckDigit } from '@tongguan/contracts';
import { newShipmentId, publishRiskAssessed, WebhookReceiver } from './agency-feeds.fixtures';

const MAX_STREAMS = 2;
const MAX_ROWS = 5_000;
const env = testEnvironment('pxbounds', {
  FEED_POLL_MS: '100',
  FEED_MAX_ATTEMPTS: '2',
  FEED_BACKOFF_BASE_MS: '100',
  FEED_BACKOFF_CAP_MS: '200',
  FEED_BACKOFF_JITTER: '0',
  FEED_MAX_STREAMS_PER_PARTY: String(MAX_STREAMS),
  FEED_STREAM_LEASE_MS: '3000',
  // the receivers of this file listen on 127.0.0.2; every other loopback address stays refused
  WEBHOOK_ALLOWED_CIDRS: '127.0.0.2/32',
  MANIFEST_UPLOAD_MAX_ROWS: String(MAX_ROWS),
  FEED_MAX_SCAN_PER_READ: '100',
});
const processes = new ServiceProcesses(env);
const tap = new EventTap(process.env.KAFKA_BROKERS!, env.TOPIC_PREFIX);
const receiver = new WebhookReceiver();
let api: ApiClient;
const customs = () => api.as(tokenFor('customs', 'CUSTOMS-SZ'));

/** An open event stream: its status, headers, and a way to close it or wait for the server to end it. */
async function openStream(base: string, token: string) {
  const abort = new AbortController();
  const response = await fetch(`${base}/v1/feed/stream`, {
    headers: { authorization: `Bearer ${token}` },
    signal: abort.signal,
  });
  let text = '';
  const ended =
    response.status === 200
      ? (async () => {
          const reader = response.body!.getReader();
          const decoder = new TextDecoder();
          try {
            for (;;) {
              const { value, done } = await reader.read();
              if (done) return { byServer: true, text };
              text += decoder.decode(value, { stream: true });
            }
          } catch {
            return { byServer: false, text };
          }
        })()
      : Promise.resolve({ byServer: true, text: await response.text() });
  return { response, close: () => abort.abort(), ended };
}

beforeAll(async () => {
  await receiver.start('127.0.0.2');
  await tap.start(['inspection.events.v1', 'port.events.v1']);
  await processes.start(['port-exchange'], {}, { instances: 2 });
  api = new ApiClient(processes.url('port-exchange'));
});

afterAll(async () => {
  await tap.stop();
  await processes.stopAll();
  await receiver.stop();
});

describe('webhook targets', () => {
  it.each([
    ['a loopback address', 'http://127.0.0.1:8080/hook'],
    ['a private address', 'http://10.0.0.1/hook'],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['IPv6 loopback', 'http://[::1]:8080/hook'],
    ['the AWS IPv6 metadata address', 'http://[fd00:ec2::254]/'],
    ['a CGNAT address', 'http://100.64.0.1/hook'],
    ['the unspecified address', 'http://0.0.0.0:8080/hook'],
    ['an IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]/hook'],
    ['a host name that resolves to loopback', 'http://localhost:8080/hook'],
  ])('refuses a subscription to %s', async (_, url) => {
    const answer = await customs().post('/v1/subscriptions', { url, eventTypes: ['RiskAssessed'] });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({
      code: 'SUBSCRIPTION.URL_NOT_ALLOWED',
      errors: [{ path: 'url', code: 'ADDRESS_NOT_ALLOWED' }],
    });
  });

  it('accepts an address the operator allow-listed', async () => {
    const answer = await customs().post('/v1/subscriptions', {
      url: receiver.url('/allowed'),
      eventTypes: ['RiskAssessed'],
    });
    expect(answer.status).toBe(201);
  });

  it('tells the subscriber "delivery failed" and the HTTP status, never the socket error', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.2', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    receiver.answer('/unavailable', () => 503);
    const subscriptions = await Promise.all(
      [`http://127.0.0.2:${closedPort}/nobody-listens`, receiver.url('/unavailable')].map(async (url) => {
        const created = await customs().post('/v1/subscriptions', { url, eventTypes: ['RiskAssessed'] });
        expect(created.status).toBe(201);
        return created.body.id as string;
      }),
    );
    const eventId = await publishRiskAssessed(tap, newShipmentId('DEAD'));
    const [refused, unavailable] = await Promise.all(
      subscriptions.map((id) =>
        eventually(
          async () => {
            const page = await customs().get(`/v1/subscriptions/${id}/deliveries?state=dead`);
            return page.body.items?.find((d: { eventId: string }) => d.eventId === eventId);
          },
          30_000,
          'the dead delivery',
        ),
      ),
    );
    expect(refused).toMatchObject({ lastError: 'delivery failed', lastStatus: null, attempts: 2 });
    expect(unavailable).toMatchObject({ lastError: 'delivery failed', lastStatus: 503, attempts: 2 });
    expect(JSON.stringify([refused, unavailable])).not.toMatch(
      /ECONN|refused|EHOST|ETIMEDOUT|socket|answered/i,
    );
  });
});

describe('pull feed', () => {
  it('reads at most FEED_MAX_SCAN_PER_READ log entries per page, and says there is more', async () => {
    const [busy, rare] = [newShipmentId('BUSY'), newShipmentId('RARE')];
    const ops = api.as(tokenFor('ops', 'OPS-1'));
    const logged = async (shipmentId: string) => {
      const items: { cursor: string; event: { id: string } }[] = [];
      for (let after = '0'; ;) {
        const page = await ops.get(`/v1/feed?limit=500&shipmentId=${shipmentId}&after=${after}`);
        items.push(...page.body.items);
        if (!page.body.hasMore) return items;
        after = page.body.nextCursor;
      }
    };
    for (let i = 0; i < 120; i++) await publishRiskAssessed(tap, busy);
    await eventually(async () => (await logged(busy)).length === 120, 30_000, 'the busy shipment logged');
    const wanted = await publishRiskAssessed(tap, rare);
    const [found] = await eventually(async () => {
      const items = await logged(rare);
      return items.length === 1 && items;
    });
    expect(found.event.id).toBe(wanted);
    const head = Number(found.cursor);
    expect(head).toBeGreaterThan(120);

    const pages: { items: unknown[]; nextCursor: string; hasMore: boolean }[] = [];
    for (let after = '0'; ;) {
      const page = await customs().get(`/v1/feed?shipmentId=${rare}&after=${after}`);
      expect(page.status).toBe(200);
      pages.push(page.body);
      if (!page.body.hasMore) break;
      after = page.body.nextCursor;
    }
    expect(pages[0]).toEqual({ items: [], nextCursor: '100', hasMore: true });
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.flatMap((p) => p.items)).toHaveLength(1);
  });
});

describe('event streams', () => {
  it(`gives a party ${MAX_STREAMS} streams over both instances, a 429 with Retry-After for one more, and the place back when one closes`, async () => {
    const party = `CIQ-${randomUUID()}`;
    const token = tokenFor('inspection', party);
    const [first, second] = processes.urls('port-exchange');
    const open = [await openStream(first, token), await openStream(second, token)];
    expect(open.map((s) => s.response.status)).toEqual([200, 200]);

    for (const base of [first, second]) {
      const extra = await openStream(base, token);
      expect(extra.response.status).toBe(429);
      expect(Number(extra.response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(JSON.parse((await extra.ended).text).code).toBe('FEED.TOO_MANY_STREAMS');
    }
    const otherParty = await openStream(second, tokenFor('inspection', `CIQ-${randomUUID()}`));
    expect(otherParty.response.status).toBe(200);
    otherParty.close();

    open[0].close();
    const again = await eventually(
      async () => {
        const attempt = await openStream(second, token);
        if (attempt.response.status === 200) return attempt;
        await attempt.ended;
        return undefined;
      },
      15_000,
      'a place after a stream closed',
    );
    again.close();
    open[1].close();
  });

  it('ends a stream when the token that opened it expires', async () => {
    const token = signToken(
      { role: 'customs', party: `CUSTOMS-${randomUUID()}` },
      TEST_JWT_SECRET,
      TOKEN_ISSUER,
      3,
    );
    const started = Date.now();
    const stream = await openStream(processes.url('port-exchange'), token);
    expect(stream.response.status).toBe(200);
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      stream.ended,
      new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 20_000))),
    ]);
    clearTimeout(timer);
    stream.close();
    expect(outcome).toMatchObject({ byServer: true });
    expect(outcome!.text).toContain(': token expired');
    const lasted = Date.now() - started;
    expect(lasted).toBeGreaterThan(1_500);
    expect(lasted).toBeLessThan(10_000);
  });
});

describe('manifest uploads', () => {
  const HEADER = 'blNumber,consignee,consigneePartyId,containerNumbers,packages,grossWeightKg';
  const port = () => api.as(tokenFor('port', 'TERMINAL-1'));
  const upload = async (callId: string, csv: string) => {
    const response = await fetch(
      `${processes.url('port-exchange')}/v1/vessel-calls/${callId}/manifest-uploads`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${tokenFor('port', 'TERMINAL-1')}`, 'content-type': 'text/csv' },
        body: csv,
      },
    );
    const text = await response.text();
    return { status: response.status, bytes: Buffer.byteLength(text), body: JSON.parse(text) };
  };
  let callId: string;

  beforeAll(async () => {
    const created = await port().post('/v1/vessel-calls', {
      vesselName: 'COSCO SHIPPING ARIES',
      voyage: '042E',
      imoNumber: '9783497',
      eta: '2026-03-02T06:00:00Z',
    });
    expect(created.status).toBe(201);
    callId = created.body.id;
  });

  it('answers a megabyte of bad rows with a bounded report that still counts every problem', async () => {
    const wrongDigit = (n: number) => {
      const firstTen = `TGHU${String(n).padStart(6, '0')}`;
      return `${firstTen}${(containerCheckDigit(firstTen) + 1) % 10}`;
    };
    const containers = Array.from({ length: 20 }, (_, i) => wrongDigit(i)).join(';');
    const rows: string[] = [];
    let size = HEADER.length;
    while (size < 1024 * 1024) {
      const row = `BAD${String(rows.length).padStart(8, '0')},ACME,TRADER-1,${containers},many,heavy`;
      rows.push(row);
      size += row.length + 2;
    }
    const report = await upload(callId, [HEADER, ...rows].join('\r\n'));
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      received: rows.length,
      stored: 0,
      rejected: rows.length,
      errorsTruncated: true,
    });
    // each row: 20 wrong check digits, and two numbers that are not numbers
    expect(report.body.problemCount).toBeGreaterThanOrEqual(rows.length * 22);
    const listed = report.body.errors.reduce(
      (n: number, row: { errors: unknown[] }) => n + row.errors.length,
      0,
    );
    expect(listed).toBe(1_000);
    expect(report.body.errors[0].row).toBe(1);
    expect(report.bytes).toBeLessThan(400 * 1024);
  });

  it(`refuses a file of more than ${MAX_ROWS} rows with 413 and stores nothing`, async () => {
    const rows = Array.from(
      { length: MAX_ROWS + 1 },
      (_, i) => `MANY${String(i).padStart(8, '0')},A,TRADER-1,,1,1`,
    );
    const answer = await upload(callId, [HEADER, ...rows].join('\n'));
    expect(answer.status).toBe(413);
    expect(answer.body.code).toBe('MANIFEST_UPLOAD.TOO_MANY_ROWS');
    const listed = await port().get(`/v1/vessel-calls/${callId}/bills-of-lading?page=1&pageSize=10`);
    expect(listed.body.total).toBe(0);
  });
});
