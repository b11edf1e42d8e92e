import { Events, Topics, type EventName } from '@tongguan/contracts';
import { declarationBody, eventually, FROZEN_FISH, type AppName } from '@tongguan/testing';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { IMPORTER_PARTY, pickupHour, tokens, TRUCK_PLATE } from './support/platform';
import {
  APP_OF,
  countDifferences,
  metricTotal,
  ScaledPlatform,
  type ServiceKey,
  type TypeCounts,
} from './support/scaled-platform';

/**
 * The platform scaled out: two processes of each of the five services, on the same databases, topics
 * and consumer groups, so that Kafka spreads the partitions over them. Shipments flow concurrently, and
 * every step is sent to both instances in turn: the importer's settlement even to both at once, and
 * carriers' quotes for the same one-truck terminal hours are accepted on both instances at once. Then
 * the books must balance: each shipment charged once, released once, each inspection task decided once
 * (some by tacit approval at a deadline of about eleven seconds, which both inspection instances
 * watch), no pickup hour overbooked, every timeline stamp there, and per event type as many events in
 * each store that records them as there are on Kafka (distinct ce_ids).
 */
const SHIPMENTS = 24;
const CONTESTED_HOURS = 4;
const CHANNELS = ['GREEN', 'YELLOW', 'RED'] as const;
type Channel = (typeof CHANNELS)[number];

/** A YELLOW task's time limit: 0.003 h is 10.8 s of continuous time. */
const YELLOW_LIMIT_HOURS = '0.003';

describe('two instances of every service under concurrent traffic', () => {
  const platform = new ScaledPlatform('twoinstances', {
    // continuous hours (no calendar), real time: YELLOW tasks lapse after 10.8 s, RED ones after 8 h
    INSPECTION_CALENDAR: 'continuous',
    INSPECTION_LIMIT_HOURS_YELLOW: YELLOW_LIMIT_HOURS,
    INSPECTION_LIMIT_HOURS_RED: '8',
    DEADLINE_POLL_MS: '200',
    PICKUP_SLOTS_FILE: path.join(__dirname, 'support', 'pickup-slots.small.json'),
    // the booked trucks may come up to five hours early, so that every contested hour can gate out now
    GATE_PICKUP_GRACE_MINUTES: '300',
  });
  const type = (name: EventName) => Events[name].type;

  interface Shipment {
    i: number;
    bl: string;
    channel: Channel;
    /** YELLOW: the officer decides right at the deadline, racing both deadline watchers. */
    officerRacesDeadline: boolean;
    declarationId?: string;
    taskId?: string;
    /** The officer's answer, when the officer decided. */
    officerStatus?: number;
    settlements?: { status: number; body: any }[];
    sameKey: boolean;
    booked?: Record<string, any>;
    /** The booked truck left the terminal (GateOutRecorded on Kafka). */
    gatedOut?: boolean;
  }

  const runId = Date.now().toString(36).toUpperCase().slice(-6);
  const shipments: Shipment[] = Array.from({ length: SHIPMENTS }, (_, i) => ({
    i,
    bl: `TWIN${runId}${String(i).padStart(2, '0')}`,
    channel: CHANNELS[i % 3],
    officerRacesDeadline: CHANNELS[i % 3] === 'YELLOW' && Math.floor(i / 3) % 2 === 1,
    // even shipments: a retry racing its original (same key); odd: two clicks (two keys)
    sameKey: i % 2 === 0,
  }));

  beforeAll(() => platform.start(), 240_000);
  afterAll(() => platform.stop(), 60_000);

  /** Vessel call, manifest and discharge at one port instance: CargoArrived. */
  async function arrive(s: Shipment): Promise<void> {
    const port = platform.api('port', s.i, tokens.port);
    const call = await port.post('/v1/vessel-calls', {
      vesselName: 'COSCO SHIPPING ARIES',
      voyage: '042E',
      eta: '2026-03-02T06:00:00Z',
    });
    expect(call.status).toBe(201);
    // the manifest and the discharge go to the other instance
    const other = platform.api('port', s.i + 1, tokens.port);
    const manifest = await other.post(`/v1/vessel-calls/${call.body._id}/manifest`, {
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
    });
    expect(manifest.status).toBe(201);
    const discharged = await port.post(`/v1/vessel-calls/${call.body._id}/discharges`, { blNumber: s.bl });
    expect(discharged.status).toBe(200);
  }

  async function lodge(s: Shipment): Promise<void> {
    const body = declarationBody(s.bl);
    if (s.channel === 'YELLOW') Object.assign(body.items[0], FROZEN_FISH);
    if (s.channel === 'RED') Object.assign(body.items[0], { originCountry: 'MM' });
    const declaration = platform.api('declaration', s.i + 1, tokens.importer);
    // the manifest reaches the declaration service as an event: the importer files once it has
    await eventually(
      async () => (await declaration.get(`/v1/filing-rights/${s.bl}`)).body?.mayDeclare === true,
      60_000,
      `the filing right for ${s.bl}`,
    );
    const lodged = await declaration.post('/v1/declarations', body);
    expect(lodged.status).toBe(201);
    s.declarationId = lodged.body.id;
  }

  /** The importer settles twice at once, one request on each logistics-trading instance. */
  async function pay(s: Shipment): Promise<void> {
    const payment = await eventually(
      async () =>
        (await platform.api('logistics', s.i, tokens.importer).get(`/v1/payments?shipmentId=${s.bl}`)).body
          .items?.[0],
      60_000,
      `the payment of ${s.bl}`,
    );
    const first = `settle-${randomUUID()}`;
    const keys = s.sameKey ? [first, first] : [first, `settle-${randomUUID()}`];
    const instances = platform.everyInstance('logistics', tokens.importer);
    s.settlements = await Promise.all(
      keys.map((idempotencyKey, j) =>
        instances[j % instances.length].post(`/v1/payments/${payment.id}/settlements`, { idempotencyKey }),
      ),
    );
  }

  /** The officer: passes RED tasks at once; for some YELLOW ones decides right at the deadline. */
  async function inspect(s: Shipment): Promise<void> {
    if (s.channel === 'GREEN') return;
    const officer = platform.api('inspection', s.i, tokens.officer);
    const task = await eventually(
      async () => (await officer.get(`/v1/inspection-tasks?shipmentId=${s.bl}`)).body.items?.[0],
      60_000,
      `the task of ${s.bl}`,
    );
    s.taskId = task.id;
    if (s.channel === 'YELLOW' && !s.officerRacesDeadline) return; // left to lapse
    if (s.channel === 'YELLOW') {
      // sent from 300 ms before to 100 ms after the deadline, spread over the shipments: either may win
      const at = Date.parse(task.deadline) - 300 + ((s.i * 47) % 400);
      await new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
    }
    const decided = await platform
      .api('inspection', s.i + 1, tokens.officer)
      .post(`/v1/inspection-tasks/${task.id}/result`, { result: 'passed', findings: [] });
    s.officerStatus = decided.status;
  }

  it('clears every shipment with requests spread over both instances of each service', async () => {
    await Promise.all(
      shipments.map(async (s) => {
        await arrive(s);
        await lodge(s);
        // the importer and the officer react at the same time
        await Promise.all([pay(s), inspect(s)]);
      }),
    );
    await Promise.all(
      shipments.map((s) =>
        platform.tap
          .waitFor((m) => m.headers.ce_type === type('ShipmentReleased') && m.key === s.bl, 60_000)
          .catch(() => {
            // say what the shipment got as far as, in the order Kafka delivered it
            const seen = platform.tap.messages.filter((m) => m.key === s.bl);
            const trail = seen.map((m) => `${m.topic} ${m.headers.ce_type.split('.')[2]}`).join(', ');
            throw new Error(`${s.bl} (${s.channel}) was not released; its events: ${trail}`);
          }),
      ),
    );

    for (const s of shipments) {
      expect(platform.distinct(type('RiskAssessed'), s.bl).map((m) => m.payload.channel)).toEqual([
        s.channel,
      ]);
      const ok = s.settlements!.filter((a) => a.status < 300);
      if (s.sameKey) {
        // the same key settles once and answers the same receipt to both requests
        expect(ok).toHaveLength(2);
        expect(ok[1].body.receiptNumber).toBe(ok[0].body.receiptNumber);
      } else {
        // two keys: one settles, the other is told the payment is (being) settled
        expect(ok).toHaveLength(1);
        const refused = s.settlements!.find((a) => a.status >= 300)!;
        expect(refused.status).toBe(409);
        expect(['PAYMENT.SETTLEMENT_IN_PROGRESS', 'PAYMENT.ALREADY_SETTLED']).toContain(refused.body.code);
      }
      if (s.channel === 'RED') expect(s.officerStatus).toBeLessThan(300);
      if (s.officerRacesDeadline) expect([200, 201, 409]).toContain(s.officerStatus);
    }
  }, 150_000);

  it('never overbooks a one-truck hour when acceptances race on both logistics-trading instances', async () => {
    const orders = await Promise.all(
      shipments.map((s) =>
        eventually(
          async () => {
            const answer = await platform
              .api('logistics', s.i, tokens.importer)
              .post('/v1/transport-orders', {
                blNumber: s.bl,
                terminal: 'TEST-ONE',
                destination: 'Dongguan, Songshan Lake warehouse 3',
              });
            return answer.status === 201 ? answer.body : undefined;
          },
          30_000,
          `a transport order for ${s.bl}`,
        ),
      ),
    );
    // six shipments contend for each of four hours that take one truck each
    const hourOf = (i: number) => pickupHour(orders[0].createdAt, 1 + (i % CONTESTED_HOURS));
    const quotes = await Promise.all(
      orders.map(async (order, i) => {
        const answer = await platform
          .api('logistics', i + 1, tokens.carrier)
          .post(`/v1/transport-orders/${order.id}/quotes`, {
            priceMinor: 150_000,
            currency: 'CNY',
            truckPlate: TRUCK_PLATE,
            pickupAt: hourOf(i),
          });
        expect(answer.status).toBe(201);
        return answer.body.id as string;
      }),
    );
    const answers = await Promise.all(
      orders.map((order, i) =>
        platform
          .api('logistics', i, tokens.importer)
          .post(`/v1/transport-orders/${order.id}/quotes/${quotes[i]}/acceptance`),
      ),
    );
    const won = answers.map((a, i) => ({ a, i })).filter(({ a }) => a.status === 201);
    expect(won).toHaveLength(CONTESTED_HOURS);
    expect(new Set(won.map(({ i }) => hourOf(i))).size).toBe(CONTESTED_HOURS);
    expect(answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${a.body.code}`)).toEqual(
      Array(SHIPMENTS - CONTESTED_HOURS).fill('409 SLOT_FULL'),
    );
    for (const { a, i } of won) shipments[i].booked = a.body;

    // each instance counts one truck in each contested hour
    for (let h = 0; h < CONTESTED_HOURS; h++) {
      const slotStart = hourOf(h);
      const localDate = new Date(Date.parse(slotStart) + 8 * 3_600_000).toISOString().slice(0, 10);
      for (const logistics of platform.everyInstance('logistics', tokens.ops)) {
        const day = await logistics.get(`/v1/pickup-slots?terminal=TEST-ONE&date=${localDate}`);
        expect(day.body.hours.find((x: { slotStart: string }) => x.slotStart === slotStart).booked).toBe(1);
      }
    }
    const slots = await platform
      .db('logistics-trading')
      .collection('pickup_slots')
      .find({ terminal: 'TEST-ONE' })
      .toArray();
    expect(slots).toHaveLength(CONTESTED_HOURS);
    for (const slot of slots) expect([slot.booked, slot.bookingIds]).toEqual([1, [expect.any(String)]]);

    // the booked trucks come in and leave through both gate instances
    await Promise.all(
      won.map(async ({ a, i }) => {
        const s = shipments[i];
        const gateIn = await platform
          .api('port', i, tokens.port)
          .post('/v1/gate-ins', { blNumber: s.bl, truckPlate: TRUCK_PLATE, bookingId: a.body.id });
        expect(gateIn.status).toBe(201);
        let n = i;
        await eventually(
          async () => {
            const out = await platform
              .api('port', ++n, tokens.port)
              .post('/v1/gate-outs', { blNumber: s.bl, truckPlate: TRUCK_PLATE });
            // each refusal is an event (GateOutRefused): knock once a second until the port heard of the booking
            if (out.status !== 201) await new Promise((r) => setTimeout(r, 800));
            return out.status === 201;
          },
          60_000,
          `the gate-out of ${s.bl}`,
        );
        await platform.tap.waitFor(
          (m) => m.headers.ce_type === Events.GateOutRecorded.type && m.key === s.bl,
          30_000,
          `GateOutRecorded of ${s.bl}`,
        );
        s.gatedOut = true;
      }),
    );
  }, 120_000);

  it('balances the books: once each, every stamp, and as many events in each store as on Kafka', async () => {
    const booked = shipments.filter((s) => s.booked);
    const taskIds = shipments.filter((s) => s.taskId).map((s) => s.taskId!);
    const pipelineTypes = Object.values(Events)
      .filter((d) => d.topic !== Topics.clearance)
      .map((d) => d.type);
    const consumes: Record<AppName, string[]> = {
      declaration: [
        'BillOfLadingManifested',
        'BillOfLadingAmended',
        'BillOfLadingWithdrawn',
        'RiskAssessed',
        'InspectionCompleted',
        'InspectionDeemedApproved',
        'PaymentSettled',
        'GateOutRecorded',
      ].map((n) => type(n as EventName)),
      inspection: ['DeclarationAccepted', 'InspectionCompleted', 'InspectionDeemedApproved'].map((n) =>
        type(n as EventName),
      ),
      'logistics-trading': ['CargoArrived', 'DutyAssessed', 'ShipmentReleased'].map((n) =>
        type(n as EventName),
      ),
      'port-exchange': Object.values(Events).map((d) => d.type),
      'clearance-monitor': pipelineTypes,
    };

    /** Every way the stores and Kafka disagree at this moment (empty once everything is consumed). */
    async function disagreements(): Promise<string[]> {
      const kafka = platform.kafkaCounts();
      const problems: string[] = [];
      for (const app of Object.values(APP_OF)) {
        const inbox = await platform.countBy(app, 'inbox', 'type');
        const types = new Set([...consumes[app], ...inbox.keys()]);
        problems.push(...countDifferences(`${app} inbox`, kafka, inbox, types));
      }
      // originals only: a replay copy of an event for a party learnt later (replayOf) is the same event again
      const logged = await platform.countBy('port-exchange', 'feed_events', 'type', {
        replayOf: { $exists: false },
      });
      problems.push(...countDifferences('port-exchange event log', kafka, logged));
      const audited = await platform.countEntriesBy('clearance-monitor', 'audit_trails', 'entries', 'type');
      problems.push(...countDifferences('clearance-monitor audit', kafka, audited, audited.keys()));
      const timelines = await platform.db('clearance-monitor').collection('timelines').countDocuments();
      if (timelines !== SHIPMENTS) problems.push(`${timelines} timelines, not ${SHIPMENTS}`);
      return problems;
    }
    // settled: the stores agree with Kafka, and no new event arrived for a second
    let previous = -1;
    const settled = await eventually(
      async () => {
        const total = platform.tap.messages.length;
        const agree = (await disagreements()).length === 0 && total === previous;
        previous = total;
        if (!agree) await new Promise((r) => setTimeout(r, 800));
        return agree;
      },
      60_000,
      'the stores to catch up with Kafka',
    ).catch(() => false);
    if (!settled) expect(await disagreements()).toEqual([]);
    const kafka: TypeCounts = platform.kafkaCounts();
    // the audit trail records every decision, and the monitor every pipeline event
    for (const name of [
      'ShipmentReleased',
      'PaymentSettled',
      'InspectionDeemedApproved',
      'PickupBooked',
    ] as const) {
      const audited = await platform.countEntriesBy('clearance-monitor', 'audit_trails', 'entries', 'type');
      expect(audited.get(type(name))).toBe(kafka.get(type(name)));
    }
    expect(
      platform.deadLetters().map((m) => `${m.topic} ${m.headers.dlq_reason} ${m.headers.dlq_error}`),
    ).toEqual([]);

    // Kafka spread the partitions over both instances: each of them handled events
    for (const [key, app] of Object.entries(APP_OF) as [ServiceKey, AppName][]) {
      const consumed = await Promise.all(
        platform
          .everyInstance(key, tokens.ops)
          .map(async (client) =>
            metricTotal((await client.get('/metrics')).body, 'tongguan_events_consumed_total'),
          ),
      );
      expect([app, consumed.every((n) => n > 0)]).toEqual([app, true]);
    }

    // the port's event log: one cursor per event, 1..n without a gap or a repeat, over both instances
    const seqs = (
      await platform
        .db('port-exchange')
        .collection('feed_events')
        .find({}, { projection: { seq: 1 } })
        .toArray()
    )
      .map((e) => e.seq as number)
      .sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, k) => k + 1));
    // a replay copy (for a party learnt after the event) repeats an original of the log, never a new event
    const log = platform.db('port-exchange').collection<{ _id: string; replayOf?: string }>('feed_events');
    const replayed = new Set(
      (await log.find({ replayOf: { $exists: true } }).toArray()).map((c) => c.replayOf!),
    );
    expect(await log.countDocuments({ _id: { $in: [...replayed] } })).toBe(replayed.size);

    // charged once: one payment, one settlement, one gateway charge per shipment
    expect(kafka.get(type('PaymentSettled'))).toBe(SHIPMENTS);
    const logistics = platform.db('logistics-trading');
    const payments = await logistics.collection('payments').find({}).toArray();
    expect(payments.map((p) => p.shipmentId).sort()).toEqual(shipments.map((s) => s.bl).sort());
    expect(payments.every((p) => p.status === 'settled')).toBe(true);
    const charges = await logistics.collection('gateway_charges').find({}).toArray();
    expect(charges.map((c) => c.paymentId).sort()).toEqual(payments.map((p) => p._id).sort());

    // released once: one ShipmentReleased on Kafka, one 'released' in the declaration's history
    expect(kafka.get(type('ShipmentReleased'))).toBe(SHIPMENTS);
    for (const s of shipments) {
      expect(platform.distinct(type('ShipmentReleased'), s.bl)).toHaveLength(1);
      expect(platform.distinct(type('PaymentSettled'), s.bl)).toHaveLength(1);
      const declaration = await platform
        .api('declaration', s.i, tokens.importer)
        .get(`/v1/declarations/${s.declarationId}`);
      const statuses = declaration.body.statusHistory.map((h: { status: string }) => h.status);
      expect(statuses.filter((x: string) => x === 'released')).toHaveLength(1);
      expect(declaration.body.status).toBe(s.gatedOut ? 'goods-exited' : 'released');
    }

    // every task decided once, by the officer or by tacit approval at its deadline, never both
    const decisions = [
      ...platform.distinct(type('InspectionCompleted')),
      ...platform.distinct(type('InspectionDeemedApproved')),
    ];
    expect(decisions.map((m) => m.payload.taskId).sort()).toEqual([...taskIds].sort());
    const deemed = new Set(platform.distinct(type('InspectionDeemedApproved')).map((m) => m.payload.taskId));
    const tasks = await platform.db('inspection').collection('inspection_tasks').find({}).toArray();
    expect(tasks).toHaveLength(taskIds.length);
    for (const s of shipments.filter((x) => x.taskId)) {
      const task = tasks.find((t) => String(t._id) === s.taskId)!;
      const officerDecided = s.officerStatus !== undefined && s.officerStatus < 300;
      expect([s.bl, task.status]).toEqual([s.bl, officerDecided ? 'passed' : 'deemed-approved']);
      expect([s.bl, deemed.has(s.taskId)]).toEqual([s.bl, !officerDecided]);
    }
    const lapsed = shipments.filter((s) => s.channel === 'YELLOW' && !s.officerRacesDeadline).length;
    expect(deemed.size).toBeGreaterThanOrEqual(lapsed);

    // one booking per contested hour, announced once
    const pickups = platform.distinct(type('PickupBooked'));
    expect(pickups.map((m) => m.payload.bookingId).sort()).toEqual(booked.map((s) => s.booked!.id).sort());
    expect(new Set(pickups.map((m) => m.payload.slotStart)).size).toBe(CONTESTED_HOURS);

    const racers = shipments.filter((s) => s.officerRacesDeadline);
    process.stdout.write(
      `two instances: ${platform.tap.messages.length} messages, ${[...kafka.values()].reduce((a, b) => a + b, 0)} distinct events; ` +
        `${deemed.size} tasks deemed approved, the officer won ${racers.filter((s) => !deemed.has(s.taskId!)).length} of ${racers.length} deadline races\n`,
    );

    // no stamp lost: each timeline has every stage the shipment went through, read from both monitors
    for (const s of shipments) {
      const answer = await platform.api('monitor', s.i, tokens.ops).get(`/v1/shipments/${s.bl}/timeline`);
      expect(answer.status).toBe(200);
      const timeline = answer.body;
      const stamps = ['arrival', 'lodged', 'accepted', 'riskAssessed', 'paid', 'released'];
      if (s.channel !== 'GREEN') stamps.push('inspected');
      if (s.gatedOut) stamps.push('gateOut');
      const missing = stamps.filter((stamp) => Number.isNaN(Date.parse(timeline[stamp])));
      expect([s.bl, missing]).toEqual([s.bl, []]);
      if (!s.gatedOut) expect(timeline.gateOut).toBeNull();
      expect(timeline.channel).toBe(s.channel);
      if (s.taskId) {
        expect(timeline.inspectionOutcome).toBe(deemed.has(s.taskId) ? 'deemed-approved' : 'passed');
      }
    }
  }, 120_000);
});
