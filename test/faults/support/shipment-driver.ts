import {
  ApiClient,
  declarationBody,
  FROZEN_FISH,
  type ApiResponse,
  type AppName,
  type ServiceProcesses,
} from '@tongguan/testing';
import { randomUUID } from 'node:crypto';
import { IMPORTER_PARTY, tokens } from '../../support/platform';

export const CHANNELS = ['GREEN', 'YELLOW', 'RED'] as const;
export type Channel = (typeof CHANNELS)[number];

/** What the suite's clients were told about one shipment (the books the platform is reconciled with). */
export interface DrivenShipment {
  bl: string;
  channel: Channel;
  /** The platform answered 2xx to the lodgement (or, after a lost answer, showed the declaration). */
  lodged: boolean;
  declarationId?: string;
  /** The platform acknowledged the officer's decision. */
  decided: boolean;
  /** The platform acknowledged the settlement, with this receipt. */
  receiptNumber?: string;
  /** Steps that gave up after every retry (the client's view of what the faults cost). */
  gaveUp: string[];
}

/**
 * Drives shipments through the pipeline over the public APIs, the way careful clients do while
 * services restart under them: a request whose answer is lost (connection refused or reset, 5xx) is
 * retried, with the same idempotency key where the API has one, and a retried lodgement that meets
 * its own earlier success (409) looks the declaration up instead of filing again.
 */
export class ShipmentDriver {
  /** Clients keep trying until then (set when the load stops: the drain period's end). */
  patienceUntil = Infinity;

  constructor(private readonly services: ServiceProcesses) {}

  async drive(s: DrivenShipment): Promise<void> {
    try {
      await this.arrive(s);
      await this.lodge(s);
      if (!s.lodged) return;
      await Promise.all([this.settle(s), this.inspect(s)]);
    } catch (error) {
      s.gaveUp.push(`${(error as Error).message}`);
    }
  }

  private client(app: AppName, token: string): ApiClient {
    const urls = this.services.urls(app);
    return new ApiClient(urls[Math.floor(Math.random() * urls.length)], token);
  }

  /** Sends until the platform answers with something other than a network error or a 5xx. */
  private async send(
    app: AppName,
    token: string,
    what: string,
    request: (api: ApiClient) => Promise<ApiResponse>,
  ): Promise<ApiResponse> {
    for (let attempt = 0; ; attempt++) {
      try {
        const answer = await request(this.client(app, token));
        if (answer.status < 500 && answer.status !== 429) return answer;
      } catch {
        // the instance is down or restarting: try again
      }
      if (Date.now() > this.patienceUntil) throw new Error(`${what}: no answer by the end of the drain`);
      await sleep(Math.min(2_000, 200 * 2 ** Math.min(attempt, 4)));
    }
  }

  /** Polls a read until it yields a value. */
  private async poll<T>(
    app: AppName,
    token: string,
    what: string,
    read: (api: ApiClient) => Promise<T | undefined>,
  ): Promise<T> {
    for (;;) {
      try {
        const value = await read(this.client(app, token));
        if (value !== undefined) return value;
      } catch {
        // down or restarting
      }
      if (Date.now() > this.patienceUntil) throw new Error(`${what}: not there by the end of the drain`);
      await sleep(500);
    }
  }

  private async arrive(s: DrivenShipment): Promise<void> {
    const call = await this.send('port-exchange', tokens.port, `vessel call of ${s.bl}`, (api) =>
      api.post('/v1/vessel-calls', {
        vesselName: 'FAULT TOLERANT',
        voyage: '001F',
        eta: '2026-03-02T06:00:00Z',
      }),
    );
    expectStatus(call, [201], `vessel call of ${s.bl}`);
    const manifest = await this.send('port-exchange', tokens.port, `manifest of ${s.bl}`, (api) =>
      api.post(`/v1/vessel-calls/${call.body._id}/manifest`, {
        billsOfLading: [
          {
            blNumber: s.bl,
            consignee: 'SHENZHEN TRADING CO',
            consigneePartyId: IMPORTER_PARTY,
            containerNumbers: ['CSQU3054383'],
            packages: 2,
            grossWeightKg: 3100,
          },
        ],
      }),
    );
    // 409: a retry met the manifest its lost first attempt filed
    expectStatus(manifest, [201, 409], `manifest of ${s.bl}`);
    const discharge = await this.send('port-exchange', tokens.port, `discharge of ${s.bl}`, (api) =>
      api.post(`/v1/vessel-calls/${call.body._id}/discharges`, { blNumber: s.bl }),
    );
    expectStatus(discharge, [200, 409], `discharge of ${s.bl}`);
  }

  private async lodge(s: DrivenShipment): Promise<void> {
    // the advance manifest rule: the importer files once the declaration service has the manifest
    await this.poll('declaration', tokens.importer, `filing right for ${s.bl}`, async (api) => {
      const right = await api.get(`/v1/filing-rights/${s.bl}`);
      return right.body?.mayDeclare === true ? true : undefined;
    });
    const body = declarationBody(s.bl);
    if (s.channel === 'YELLOW') Object.assign(body.items[0], FROZEN_FISH);
    if (s.channel === 'RED') Object.assign(body.items[0], { originCountry: 'MM' });
    const answer = await this.send('declaration', tokens.importer, `lodgement of ${s.bl}`, (api) =>
      api.post('/v1/declarations', body),
    );
    if (answer.status === 201) {
      s.lodged = true;
      s.declarationId = answer.body.id;
      return;
    }
    expectStatus(answer, [409], `lodgement of ${s.bl}`);
    // an earlier attempt was filed though its answer was lost: the importer finds its declaration
    const found = await this.poll('declaration', tokens.importer, `declaration of ${s.bl}`, async (api) => {
      const list = await api.get(`/v1/declarations?shipmentId=${s.bl}`);
      return list.body.items?.[0] as { id: string } | undefined;
    });
    s.lodged = true;
    s.declarationId = found.id;
  }

  private async settle(s: DrivenShipment): Promise<void> {
    const payment = await this.poll(
      'logistics-trading',
      tokens.importer,
      `payment of ${s.bl}`,
      async (api) => {
        const list = await api.get(`/v1/payments?shipmentId=${s.bl}`);
        return list.body.items?.[0] as { id: string } | undefined;
      },
    );
    const idempotencyKey = `settle-${randomUUID()}`;
    for (;;) {
      const answer = await this.send('logistics-trading', tokens.importer, `settlement of ${s.bl}`, (api) =>
        api.post(`/v1/payments/${payment.id}/settlements`, { idempotencyKey }),
      );
      if (answer.status < 300) {
        s.receiptNumber = answer.body.receiptNumber;
        return;
      }
      // the settlement its lost first attempt started is still in flight: ask again with the same key
      expectStatus(answer, [409], `settlement of ${s.bl}`);
      if (Date.now() > this.patienceUntil)
        throw new Error(`settlement of ${s.bl}: still in flight at the end of the drain`);
      await sleep(500);
    }
  }

  private async inspect(s: DrivenShipment): Promise<void> {
    if (s.channel === 'GREEN') return;
    const task = await this.poll('inspection', tokens.officer, `task of ${s.bl}`, async (api) => {
      const list = await api.get(`/v1/inspection-tasks?shipmentId=${s.bl}`);
      return list.body.items?.[0] as { id: string } | undefined;
    });
    const answer = await this.send('inspection', tokens.officer, `decision on ${s.bl}`, (api) =>
      api.post(`/v1/inspection-tasks/${task.id}/result`, { result: 'passed', findings: [] }),
    );
    // 409: a retry met the decision its lost first attempt recorded
    expectStatus(answer, [200, 201, 409], `decision on ${s.bl}`);
    s.decided = true;
  }
}

function expectStatus(answer: ApiResponse, allowed: number[], what: string): void {
  if (!allowed.includes(answer.status)) {
    throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
