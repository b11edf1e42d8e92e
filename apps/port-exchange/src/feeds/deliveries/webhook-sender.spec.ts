import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StructuredCloudEvent } from '../event-log/structured-cloud-event';
import { loadFeedsConfig } from '../feeds-config';
import { WebhookTargets } from '../webhook-targets/webhook-targets';
import { DELIVERY_FAILED, WebhookSender } from './webhook-sender';

const event = {
  id: 'e1',
  type: 'tongguan.port.CargoArrived.v1',
  data: {},
} as unknown as StructuredCloudEvent;

function senderWith(env: Record<string, string>): WebhookSender {
  const config = loadFeedsConfig({ FEED_REQUEST_TIMEOUT_MS: '2000', ...env });
  return new WebhookSender(config, new WebhookTargets(config));
}

describe('WebhookSender', () => {
  let server: http.Server;
  let port: number;
  let received = 0;
  let status = 204;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      received += 1;
      request.resume();
      response.statusCode = status;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    received = 0;
    status = 204;
  });

  it('connects to nothing when the host resolves to a loopback address at delivery time (DNS rebinding)', async () => {
    const result = await senderWith({}).send(`http://localhost:${port}/hook`, event, 1, ['whsec_x']);
    expect(result).toMatchObject({ ok: false, status: null, error: DELIVERY_FAILED });
    expect(!result.ok && result.detail).toContain('loopback');
    expect(received).toBe(0);
  });

  it('connects to nothing at an IP literal outside the policy', async () => {
    const result = await senderWith({}).send(`http://127.0.0.1:${port}/hook`, event, 1, ['whsec_x']);
    expect(result).toMatchObject({ ok: false, status: null, error: DELIVERY_FAILED });
    expect(received).toBe(0);
  });

  it('delivers to an allow-listed address, and reports a refusal by its status only', async () => {
    const sender = senderWith({ WEBHOOK_ALLOWED_CIDRS: '127.0.0.1/32,::1/128' });
    expect(await sender.send(`http://localhost:${port}/hook`, event, 1, ['whsec_x'])).toEqual({
      ok: true,
      status: 204,
    });
    status = 503;
    const refused = await sender.send(`http://127.0.0.1:${port}/hook`, event, 1, ['whsec_x']);
    expect(refused).toMatchObject({ ok: false, status: 503, error: DELIVERY_FAILED });
    expect(received).toBe(2);
  });

  it('keeps a socket error out of what the subscriber is told', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const sender = senderWith({ WEBHOOK_ALLOWED_CIDRS: '127.0.0.1/32' });
    const result = await sender.send(`http://127.0.0.1:${closedPort}/`, event, 1, ['whsec_x']);
    expect(result).toMatchObject({ ok: false, status: null, error: DELIVERY_FAILED });
    expect(!result.ok && result.detail).toContain('ECONNREFUSED');
  });
});
