import type { EventTap } from '@tongguan/testing';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a webhook receiver got, with the body exactly as it arrived (signatures cover those bytes). */
export interface ReceivedDelivery {
  path: string;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  event: { id: string; type: string; subject: string; data: Record<string, unknown>; [k: string]: unknown };
  answered: number;
}

/** A behaviour's answer that leaves the request hanging. */
export const NO_ANSWER = 0;

/**
 * A real HTTP server standing in for an agency's webhook endpoint. Each path answers with the status
 * its behaviour gives (200 by default, NO_ANSWER to hang), so a test can make one endpoint fail and another succeed.
 */
export class WebhookReceiver {
  readonly received: ReceivedDelivery[] = [];
  private readonly behaviours = new Map<
    string,
    (attempt: number, event: ReceivedDelivery['event']) => number
  >();
  private server: http.Server | null = null;
  private port = 0;
  private host = '127.0.0.1';

  /** Listens on a loopback address (127.0.0.2 and so on serve the same machine). */
  async start(host = '127.0.0.1'): Promise<void> {
    this.host = host;
    this.server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const path = request.url ?? '/';
        const event = JSON.parse(rawBody) as ReceivedDelivery['event'];
        const attempt = this.received.filter((r) => r.path === path && r.event.id === event.id).length + 1;
        const status = this.behaviours.get(path)?.(attempt, event) ?? 200;
        this.received.push({ path, headers: request.headers, rawBody, event, answered: status });
        if (status === NO_ANSWER) return; // hold the request open: the sender's timeout must end it
        response.statusCode = status;
        response.end(status < 300 ? 'ok' : 'not now');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, host, resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  url(path: string): string {
    return `http://${this.host}:${this.port}${path}`;
  }

  answer(path: string, behaviour: (attempt: number, event: ReceivedDelivery['event']) => number): void {
    this.behaviours.set(path, behaviour);
  }

  at(path: string, shipmentId?: string): ReceivedDelivery[] {
    return this.received.filter((r) => r.path === path && (!shipmentId || r.event.subject === shipmentId));
  }

  /** What a receiver acts on: accepted deliveries, once per ce-id. */
  distinctAccepted(path: string, shipmentId?: string): ReceivedDelivery[] {
    const seen = new Map<string, ReceivedDelivery>();
    for (const r of this.at(path, shipmentId)) {
      if (r.answered >= 200 && r.answered < 300 && !seen.has(String(r.headers['ce-id'])))
        seen.set(String(r.headers['ce-id']), r);
    }
    return [...seen.values()];
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export function newShipmentId(prefix = 'FEED'): string {
  return `${prefix}${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`;
}

export function publishRiskAssessed(tap: EventTap, shipmentId: string, meta: { time?: string } = {}) {
  return tap.publish(
    'RiskAssessed',
    {
      shipmentId,
      declarationId: `D-${shipmentId}`,
      assessmentId: randomUUID(),
      channel: 'GREEN',
      score: 12,
      reasons: [],
      taskId: '',
    },
    meta,
  );
}

export function publishSlaAtRisk(tap: EventTap, shipmentId: string, meta: { time?: string } = {}) {
  return tap.publish(
    'ClearanceSlaAtRisk',
    { shipmentId, elapsedHours: 12, predictedHours: 22, targetHours: 20, stage: 'inspected' },
    meta,
  );
}

/** Reads Server-Sent Events from a streaming fetch until `wanted` events (not comments) have arrived. */
export async function readServerSentEvents(
  url: string,
  token: string,
  wanted: number,
  options: { lastEventId?: string; timeoutMs?: number; whileOpen?: () => Promise<void> } = {},
): Promise<{ id: string; event: string; data: any }[]> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.timeoutMs ?? 30_000);
  const events: { id: string; event: string; data: any }[] = [];
  try {
    const response = await fetch(url, {
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'text/event-stream',
        ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}),
      },
      signal: abort.signal,
    });
    if (response.status !== 200)
      throw new Error(`stream answered ${response.status}: ${await response.text()}`);
    if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
      throw new Error(`stream content-type ${response.headers.get('content-type')}`);
    }
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let opened = false;
    while (events.length < wanted) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      if (!opened) {
        opened = true;
        await options.whileOpen?.();
      }
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(
          block
            .split('\n')
            .filter((line) => line && !line.startsWith(':'))
            .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trimStart()]),
        );
        if (fields.data !== undefined) {
          events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
        }
      }
    }
    return events;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}
