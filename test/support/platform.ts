import { ALL_TOPICS, deadLetterTopicOf, Events } from '@tongguan/contracts';
import {
  ApiClient,
  declarationBody,
  EventTap,
  eventually,
  ServiceProcesses,
  testEnvironment,
  tokenFor,
  type TappedMessage,
} from '@tongguan/testing';
import { randomUUID } from 'node:crypto';

/** The consignee party the test manifests name: the importer of `tokens.importer`. */
export const IMPORTER_PARTY = 'TRADER-1';

export const tokens = {
  importer: tokenFor('importer', IMPORTER_PARTY),
  broker: tokenFor('importer', 'BROKER-7'),
  otherImporter: tokenFor('importer', 'TRADER-2'),
  port: tokenFor('port', 'TERMINAL-1'),
  officer: tokenFor('inspection', 'OFFICER-9'),
  customs: tokenFor('customs', 'CUSTOMS-3'),
  ops: tokenFor('ops', 'OPS-1'),
  carrier: tokenFor('carrier', 'CARRIER-1'),
};

/** The terminal and truck the gate helpers use; the terminal is open round the clock in every pickup-slot file. */
export const PICKUP_TERMINAL = 'CNSZX-YICT';
export const TRUCK_PLATE = 'YUE-B12345';
const HOUR_MS = 3_600_000;

/**
 * All five services as processes on one test file's topics and databases, with the steps an importer,
 * the port and an officer take. Each step asserts only that the platform accepted it.
 */
export class Platform {
  readonly services: ServiceProcesses;
  readonly tap: EventTap;
  api!: Record<'declaration' | 'inspection' | 'logistics' | 'port' | 'monitor', ApiClient>;
  /** The vessel call whose manifest holds each B/L, by shipmentId. */
  private readonly calls = new Map<string, string>();

  constructor(fileSlug: string, extraEnv: Record<string, string> = {}) {
    const env = testEnvironment(fileSlug, { RISK_RANDOM_RATE: '0', ...extraEnv });
    this.services = new ServiceProcesses(env);
    this.tap = new EventTap(env.KAFKA_BROKERS, env.TOPIC_PREFIX);
  }

  async start(): Promise<void> {
    await this.tap.start([...ALL_TOPICS, ...ALL_TOPICS.map(deadLetterTopicOf)]);
    await this.services.start([
      'port-exchange',
      'declaration',
      'inspection',
      'logistics-trading',
      'clearance-monitor',
    ]);
    const client = (app: Parameters<ServiceProcesses['url']>[0]) => new ApiClient(this.services.url(app));
    this.api = {
      declaration: client('declaration'),
      inspection: client('inspection'),
      logistics: client('logistics-trading'),
      port: client('port-exchange'),
      monitor: client('clearance-monitor'),
    };
  }

  async stop(): Promise<void> {
    await this.services.stopAll();
    await this.tap.stop();
  }

  /**
   * The carrier's side before any declaration (advance manifest rule): a vessel call and its manifest
   * naming the consignee party, once per B/L; returns the call's id.
   */
  async manifest(bl: string, consigneePartyId = IMPORTER_PARTY): Promise<string> {
    const shipmentId = bl.trim().toUpperCase();
    const known = this.calls.get(shipmentId);
    if (known) return known;
    const port = this.api.port.as(tokens.port);
    const call = await port.post('/v1/vessel-calls', {
      vesselName: 'COSCO SHIPPING ARIES',
      voyage: '042E',
      eta: '2026-03-02T06:00:00Z',
    });
    expect(call.status).toBe(201);
    const manifest = await port.post(`/v1/vessel-calls/${call.body._id}/manifest`, {
      billsOfLading: [
        {
          blNumber: bl,
          consignee: 'SHENZHEN TRADING CO',
          consigneePartyId,
          containerNumbers: ['CSQU3054383'],
          packages: 2,
          grossWeightKg: 3100,
        },
      ],
    });
    expect(manifest.status).toBe(201);
    this.calls.set(shipmentId, call.body._id as string);
    return call.body._id as string;
  }

  /** Vessel call and manifest (unless filed already), and discharge of one B/L: CargoArrived [T0]. */
  async arrive(bl: string): Promise<void> {
    const callId = await this.manifest(bl);
    const port = this.api.port.as(tokens.port);
    expect((await port.post(`/v1/vessel-calls/${callId}/discharges`, { blNumber: bl })).status).toBe(200);
  }

  /** Once the declaration service has the manifest and it lets this filer declare the B/L. */
  async declarable(bl: string, token = tokens.importer): Promise<void> {
    const filer = this.api.declaration.as(token);
    await eventually(
      async () =>
        (await filer.get(`/v1/filing-rights/${encodeURIComponent(bl.trim())}`)).body?.mayDeclare === true,
      30_000,
      `the filing right for ${bl}`,
    );
  }

  /** Lodges a declaration of one item (after its manifest, as customs require); returns its id. */
  async lodge(
    bl: string,
    item: Record<string, unknown> = {},
    overrides: Record<string, unknown> = {},
  ): Promise<string> {
    await this.manifest(bl);
    await this.declarable(bl);
    const body = declarationBody(bl, overrides);
    Object.assign(body.items[0], item);
    const lodged = await this.api.declaration.as(tokens.importer).post('/v1/declarations', body);
    expect(lodged.status).toBe(201);
    return lodged.body.id as string;
  }

  waitForEvent(name: keyof typeof Events, bl: string, timeoutMs = 30_000): Promise<TappedMessage> {
    return this.tap.waitFor(
      (m) => m.headers.ce_type === Events[name].type && m.key === bl,
      timeoutMs,
      `${name} of ${bl}`,
    );
  }

  async channelOf(bl: string): Promise<string> {
    return (await this.waitForEvent('RiskAssessed', bl)).payload.channel as string;
  }

  /** The shipment's inspection task once it is open (and its field, when given, is set). */
  taskOf(bl: string, field?: string): Promise<Record<string, any>> {
    const officer = this.api.inspection.as(tokens.officer);
    return eventually(
      async () => {
        const task = (await officer.get(`/v1/inspection-tasks?shipmentId=${bl}`)).body.items?.[0];
        return task && (field === undefined || task[field] !== undefined) ? task : undefined;
      },
      30_000,
      `the task of ${bl}`,
    );
  }

  /** The officer records the result of the shipment's task. */
  async decide(bl: string, result: 'passed' | 'failed', findings: string[] = []) {
    const task = await this.taskOf(bl);
    return this.api.inspection
      .as(tokens.officer)
      .post(`/v1/inspection-tasks/${task.id}/result`, { result, findings });
  }

  /** The importer settles the shipment's payment request (duties, VAT, port fees). */
  async pay(bl: string): Promise<void> {
    const importer = this.api.logistics.as(tokens.importer);
    const payment = await eventually(
      async () => (await importer.get(`/v1/payments?shipmentId=${bl}`)).body.items?.[0],
      30_000,
      `the payment of ${bl}`,
    );
    const settled = await importer.post(`/v1/payments/${payment.id}/settlements`, {
      idempotencyKey: randomUUID(),
    });
    expect(settled.status).toBeLessThan(300);
  }

  /**
   * What an importer does once customs released the cargo: orders transport from the terminal, a
   * carrier quotes with its truck for a terminal hour (by default the next one, so that the gate takes
   * the truck from now on), the importer accepts. Returns the booking.
   */
  async bookPickup(
    bl: string,
    options: { truckPlate?: string; carrier?: string; terminal?: string; hoursAhead?: number } = {},
  ): Promise<Record<string, any>> {
    const { truckPlate = TRUCK_PLATE, carrier = tokens.carrier, terminal = PICKUP_TERMINAL } = options;
    const order = await this.orderTransport(bl, terminal);
    const quote = await this.api.logistics.as(carrier).post(`/v1/transport-orders/${order.id}/quotes`, {
      priceMinor: 180_000,
      currency: 'CNY',
      truckPlate,
      pickupAt: pickupHour(order.createdAt, options.hoursAhead ?? 1),
    });
    expect(quote.status).toBe(201);
    const booking = await this.api.logistics
      .as(tokens.importer)
      .post(`/v1/transport-orders/${order.id}/quotes/${quote.body.id}/acceptance`);
    expect(booking.status).toBe(201);
    return booking.body;
  }

  /** The importer's transport order, once logistics-trading has heard of the release. */
  orderTransport(bl: string, terminal = PICKUP_TERMINAL): Promise<Record<string, any>> {
    const importer = this.api.logistics.as(tokens.importer);
    return eventually(
      async () => {
        const answer = await importer.post('/v1/transport-orders', {
          blNumber: bl,
          terminal,
          destination: 'Dongguan, Songshan Lake warehouse 3',
        });
        return answer.status === 201 ? answer.body : undefined;
      },
      30_000,
      `a transport order for ${bl}`,
    );
  }

  gateIn(bl: string, truckPlate = TRUCK_PLATE, bookingId?: string) {
    return this.api.port
      .as(tokens.port)
      .post('/v1/gate-ins', { blNumber: bl, truckPlate, ...(bookingId ? { bookingId } : {}) });
  }

  gateOut(bl: string, truckPlate = TRUCK_PLATE) {
    return this.api.port.as(tokens.port).post('/v1/gate-outs', { blNumber: bl, truckPlate });
  }

  /**
   * Released cargo out of the gate as at a real terminal: transport booked with a pickup slot, the
   * truck in, then out (each try before the port has heard of the booking is refused, as at a real gate).
   */
  async gateOutOnceReleased(bl: string) {
    const booking = await this.bookPickup(bl);
    expect((await this.gateIn(bl, TRUCK_PLATE, booking.id)).status).toBe(201);
    return eventually(
      async () => {
        const attempt = await this.gateOut(bl);
        return attempt.status === 201 ? attempt : undefined;
      },
      30_000,
      `gate-out of ${bl}`,
    );
  }

  /** The monitor's timeline once it satisfies the condition. */
  timeline(
    bl: string,
    until: (t: Record<string, any>) => boolean = () => true,
  ): Promise<Record<string, any>> {
    return eventually(
      async () => {
        const answer = await this.api.monitor.as(tokens.ops).get(`/v1/shipments/${bl}/timeline`);
        return answer.status === 200 && until(answer.body) ? answer.body : undefined;
      },
      30_000,
      `the timeline of ${bl}`,
    );
  }

  declaration(id: string, token = tokens.importer) {
    return this.api.declaration.as(token).get(`/v1/declarations/${id}`);
  }
}

/** The start of the terminal hour `hoursAhead` after the one containing the instant, RFC 3339. */
export function pickupHour(instant: string, hoursAhead: number): string {
  return new Date((Math.floor(Date.parse(instant) / HOUR_MS) + hoursAhead) * HOUR_MS).toISOString();
}
