import { Events } from '@tongguan/contracts';
import {
  ApiClient,
  eventually,
  ServiceProcesses,
  testEnvironment,
  tokenFor,
  uniqueBl,
} from '@tongguan/testing';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pickupHour, Platform, tokens, TRUCK_PLATE } from './support/platform';

/**
 * The transport marketplace and the terminal gate, end to end: an importer orders transport for
 * released cargo, carriers quote, the accepted quote books a terminal pickup hour, and the gate lets
 * out only the booked truck in its hour, unless customs holds the cargo. Business time starts on
 * Monday 2 March 2026 10:00 in Shenzhen and runs 60 times faster (one real second is a business minute).
 */
describe('transport bookings and the gate, end to end', () => {
  const settings = {
    CLOCK_EPOCH: '2026-03-02T02:00:00Z',
    CLOCK_SPEED: '60',
    CLOCK_ANCHOR: new Date().toISOString(),
    PICKUP_SLOTS_FILE: path.join(__dirname, 'support', 'pickup-slots.small.json'),
  };
  const platform = new Platform('pickup', settings);
  const otherCarrier = tokenFor('carrier', 'CARRIER-2');
  const codesOf = (answer: { body: { errors?: { code: string }[] } }) =>
    (answer.body.errors ?? []).map((e) => e.code);

  beforeAll(() => platform.start(), 300_000);
  afterAll(() => platform.stop());

  /** A GREEN shipment, arrived, declared and paid: customs releases it. */
  async function released(prefix: string): Promise<string> {
    const bl = uniqueBl(prefix);
    await platform.arrive(bl);
    await platform.lodge(bl);
    await platform.pay(bl);
    await platform.waitForEvent('ShipmentReleased', bl);
    return bl;
  }

  const logistics = (token: string) => platform.api.logistics.as(token);
  const port = (token = tokens.port) => platform.api.port.as(token);

  it('quote, accept, pickup slot, gate-in, gate-out: the booked truck leaves in its hour (GateOutRecorded)', async () => {
    const bl = await released('TRPU');
    const order = await platform.orderTransport(bl);
    expect(order).toMatchObject({ shipmentId: bl, status: 'open', importerId: 'TRADER-1' });
    // another importer neither sees the order nor may order transport of this cargo
    expect((await logistics(tokens.otherImporter).get(`/v1/transport-orders/${order.id}`)).status).toBe(404);
    const foreign = await logistics(tokens.otherImporter).post('/v1/transport-orders', {
      blNumber: bl,
      terminal: 'CNSZX-YICT',
      destination: 'Guangzhou',
    });
    expect(foreign.body.code).toBe('TRANSPORT.NOT_RELEASED');
    // one live order per shipment
    const twice = await logistics(tokens.importer).post('/v1/transport-orders', {
      blNumber: bl,
      terminal: 'CNSZX-YICT',
      destination: 'Guangzhou',
    });
    expect(twice.body.code).toBe('TRANSPORT.ORDER_EXISTS');

    // carriers find the open order and quote on it
    const open = await logistics(tokens.carrier).get('/v1/transport-orders?status=open&pageSize=100');
    expect(open.body.items.map((o: { id: string }) => o.id)).toContain(order.id);
    const pickupAt = pickupHour(order.createdAt, 1);
    const quote = (token: string, truckPlate: string, priceMinor: number) =>
      logistics(token).post(`/v1/transport-orders/${order.id}/quotes`, {
        priceMinor,
        currency: 'CNY',
        truckPlate,
        pickupAt,
      });
    const mine = await quote(tokens.carrier, TRUCK_PLATE, 180_000);
    const theirs = await quote(otherCarrier, 'YUE-B55555', 210_000);
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(
      (await logistics(otherCarrier).get(`/v1/transport-orders/${order.id}/quotes`)).body.items,
    ).toHaveLength(1);

    const accepted = await logistics(tokens.importer).post(
      `/v1/transport-orders/${order.id}/quotes/${mine.body.id}/acceptance`,
    );
    expect(accepted.status).toBe(201);
    const booking = accepted.body;
    expect(booking).toMatchObject({
      orderId: order.id,
      shipmentId: bl,
      carrierId: 'CARRIER-1',
      truckPlate: TRUCK_PLATE,
      terminal: 'CNSZX-YICT',
      status: 'booked',
      slotStart: new Date(pickupAt).toISOString(),
      slotEnd: new Date(Date.parse(pickupAt) + 3_600_000).toISOString(),
    });
    // accepting again answers the same booking; the other quote is declined, the order booked
    const again = await logistics(tokens.importer).post(
      `/v1/transport-orders/${order.id}/quotes/${mine.body.id}/acceptance`,
    );
    expect(again.body.id).toBe(booking.id);
    const quotes = (await logistics(tokens.importer).get(`/v1/transport-orders/${order.id}/quotes`)).body
      .items;
    expect(Object.fromEntries(quotes.map((q: { id: string; status: string }) => [q.id, q.status]))).toEqual({
      [mine.body.id]: 'accepted',
      [theirs.body.id]: 'declined',
    });
    expect((await logistics(tokens.importer).get(`/v1/transport-orders/${order.id}`)).body).toMatchObject({
      status: 'booked',
      bookingId: booking.id,
    });
    expect((await logistics(otherCarrier).get(`/v1/bookings/${booking.id}`)).status).toBe(404);
    const announced = await platform.waitForEvent('PickupBooked', bl);
    expect(announced.payload).toMatchObject({ bookingId: booking.id, truckPlate: TRUCK_PLATE });

    const gateIn = await platform.gateIn(bl, TRUCK_PLATE, booking.id);
    expect(gateIn.status).toBe(201);
    await platform.waitForEvent('GateInRecorded', bl);
    const out = await eventually(
      async () => {
        const attempt = await platform.gateOut(bl);
        return attempt.status === 201 ? attempt : undefined;
      },
      30_000,
      'the gate-out',
    );
    expect(out.body).toMatchObject({ status: 'recorded', shipmentId: bl, bookingId: booking.id });
    const recorded = await platform.waitForEvent('GateOutRecorded', bl);
    expect(recorded.payload.truckPlate).toBe(TRUCK_PLATE);
    expect(platform.tap.ofType(Events.PickupBooked.type, bl)).toHaveLength(1);
  });

  it('refuses a booking in a full terminal hour (SLOT_FULL, nothing booked); a cancellation frees the place once', async () => {
    const [first, second] = [await released('FULU'), await released('FULU')];
    const firstOrder = await platform.orderTransport(first, 'TEST-ONE');
    const secondOrder = await platform.orderTransport(second, 'TEST-ONE');
    const pickupAt = pickupHour(firstOrder.createdAt, 3);
    const quoteOn = async (orderId: string) => {
      const answer = await logistics(tokens.carrier).post(`/v1/transport-orders/${orderId}/quotes`, {
        priceMinor: 150_000,
        currency: 'CNY',
        truckPlate: TRUCK_PLATE,
        pickupAt,
      });
      expect(answer.status).toBe(201);
      return answer.body.id as string;
    };
    const accept = (orderId: string, quoteId: string) =>
      logistics(tokens.importer).post(`/v1/transport-orders/${orderId}/quotes/${quoteId}/acceptance`);
    const firstQuote = await quoteOn(firstOrder.id);
    const secondQuote = await quoteOn(secondOrder.id);
    const booked = await accept(firstOrder.id, firstQuote);
    expect(booked.status).toBe(201);

    const full = await accept(secondOrder.id, secondQuote);
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('SLOT_FULL');
    expect((await logistics(tokens.importer).get(`/v1/transport-orders/${secondOrder.id}`)).body.status).toBe(
      'open',
    );
    const localDate = new Date(Date.parse(pickupAt) + 8 * 3_600_000).toISOString().slice(0, 10);
    const bookedInHour = async () => {
      const day = await logistics(tokens.carrier).get(`/v1/pickup-slots?terminal=TEST-ONE&date=${localDate}`);
      return day.body.hours.find((h: { slotStart: string }) => h.slotStart === pickupAt).booked as number;
    };
    expect(await bookedInHour()).toBe(1);

    // the carrier cancels; the importer's repeated cancellation changes nothing more
    const cancelled = await logistics(tokens.carrier).post(`/v1/bookings/${booked.body.id}/cancellation`, {
      reason: 'truck broke down',
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledBy: 'CARRIER-1' });
    expect(await bookedInHour()).toBe(0);
    const repeated = await logistics(tokens.importer).post(`/v1/bookings/${booked.body.id}/cancellation`, {
      reason: 'no longer needed',
    });
    expect(repeated.status).toBe(200);
    expect(repeated.body.cancelledBy).toBe('CARRIER-1');
    expect(await bookedInHour()).toBe(0);

    expect((await accept(secondOrder.id, secondQuote)).status).toBe(201);
    expect(await bookedInHour()).toBe(1);
    expect((await logistics(tokens.importer).get(`/v1/transport-orders/${firstOrder.id}`)).body.status).toBe(
      'cancelled',
    );
    await platform.waitForEvent('PickupCancelled', first);
    expect(platform.tap.ofType(Events.PickupCancelled.type, first)).toHaveLength(1);
    // the first shipment may be ordered out again
    expect((await platform.orderTransport(first, 'TEST-ONE')).status).toBe('open');
  });

  it('refuses transport orders and gate-out for cargo customs has not released', async () => {
    const bl = uniqueBl('UNRU');
    await platform.arrive(bl);
    await platform.lodge(bl);
    const order = await logistics(tokens.importer).post('/v1/transport-orders', {
      blNumber: bl,
      terminal: 'CNSZX-YICT',
      destination: 'Dongguan',
    });
    expect(order.status).toBe(409);
    expect(order.body.code).toBe('TRANSPORT.NOT_RELEASED');
    const gate = await platform.gateOut(bl);
    expect(gate.status).toBe(409);
    expect(codesOf(gate)).toEqual(['NOT_RELEASED', 'NO_PICKUP_BOOKING']);
    const refused = await platform.waitForEvent('GateOutRefused', bl);
    expect(refused.payload.reasons).toEqual([
      'not released by customs',
      'no pickup booking for this shipment',
    ]);
  });

  it('refuses gate-out without a booking, to another truck and outside the slot, naming the reason', async () => {
    const bl = await released('BKGU');
    const none = await eventually(
      async () => {
        const attempt = await platform.gateOut(bl);
        return codesOf(attempt).includes('NOT_RELEASED') ? undefined : attempt;
      },
      30_000,
      'the gate to hear of the release',
    );
    expect(none.status).toBe(409);
    expect(codesOf(none)).toEqual(['NO_PICKUP_BOOKING']);

    // booked five hours ahead
    const booking = await platform.bookPickup(bl, { hoursAhead: 5 });
    const wrongTruck = await eventually(
      async () => {
        const attempt = await platform.gateOut(bl, 'YUE-B99999');
        return codesOf(attempt).includes('TRUCK_NOT_BOOKED') ? attempt : undefined;
      },
      30_000,
      'the gate to hear of the booking',
    );
    expect(codesOf(wrongTruck)).toEqual(['TRUCK_NOT_BOOKED']);
    expect(wrongTruck.body.errors[0].message).toContain(TRUCK_PLATE);
    const early = await platform.gateOut(bl);
    expect(codesOf(early)).toEqual(['OUTSIDE_PICKUP_SLOT']);

    // once the booking is cancelled the gate no longer honours it
    expect(
      (
        await logistics(tokens.importer).post(`/v1/bookings/${booking.id}/cancellation`, {
          reason: 'rescheduled',
        })
      ).status,
    ).toBe(200);
    await eventually(
      async () => codesOf(await platform.gateOut(bl)).includes('NO_PICKUP_BOOKING'),
      30_000,
      'the gate to hear of the cancellation',
    );
  });

  it('keeps the gate shut under a customs hold until customs lifts it', async () => {
    const bl = await released('HLDU');
    const booking = await platform.bookPickup(bl);
    expect((await platform.gateIn(bl, TRUCK_PLATE, booking.id)).status).toBe(201);
    const customs = port(tokens.customs);
    expect((await port(tokens.importer).post('/v1/holds', { blNumber: bl, reason: 'x' })).status).toBe(403);
    const hold = await customs.post('/v1/holds', { blNumber: bl, reason: 'suspected IPR infringement' });
    expect(hold.status).toBe(201);
    expect(hold.body).toMatchObject({ shipmentId: bl, status: 'active', placedBy: 'CUSTOMS-3' });

    const held = await eventually(
      async () => {
        const attempt = await platform.gateOut(bl);
        return codesOf(attempt).includes('NO_PICKUP_BOOKING') ? undefined : attempt;
      },
      30_000,
      'the gate to hear of the booking',
    );
    expect(held.status).toBe(409);
    expect(held.body.errors).toEqual([
      { path: 'blNumber', code: 'CUSTOMS_HOLD', message: 'customs hold: suspected IPR infringement' },
    ]);
    const listed = await port().get(`/v1/holds?blNumber=${bl}`);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: hold.body.id, status: 'active' })]);

    const lifted = await customs.post(`/v1/holds/${hold.body.id}/lift`, {
      reason: 'rights holder: genuine goods',
    });
    expect(lifted.status).toBe(200);
    expect(lifted.body).toMatchObject({ status: 'lifted', liftedBy: 'CUSTOMS-3' });
    expect((await customs.post(`/v1/holds/${hold.body.id}/lift`, { reason: 'again' })).body.code).toBe(
      'HOLD.NOT_ACTIVE',
    );
    expect((await platform.gateOut(bl)).status).toBe(201);
    expect((await platform.waitForEvent('CustomsHoldPlaced', bl)).payload.holdId).toBe(hold.body.id);
    expect((await platform.waitForEvent('CustomsHoldLifted', bl)).payload.reason).toBe(
      'rights holder: genuine goods',
    );
  });

  it('holds the cargo by itself when customs refuses release, once however often the refusal arrives', async () => {
    const bl = uniqueBl('RFSU');
    const refusal = {
      shipmentId: bl,
      declarationId: randomUUID(),
      importerId: 'TRADER-1',
      reasons: ['inspection failed: undeclared lithium batteries'],
    };
    await platform.tap.publish('ReleaseRefused', refusal);
    await platform.tap.publish('ReleaseRefused', refusal);
    const placed = await platform.waitForEvent('CustomsHoldPlaced', bl);
    expect(placed.payload).toMatchObject({ placedBy: 'customs' });
    const holds = await eventually(
      async () => {
        const listed = await port(tokens.ops).get(`/v1/holds?blNumber=${bl}&status=active`);
        return listed.body.total === 1 ? listed.body.items : undefined;
      },
      30_000,
      'the hold',
    );
    expect(holds[0]).toMatchObject({
      placedBy: 'customs',
      reason: 'release refused: inspection failed: undeclared lithium batteries',
    });
    expect(codesOf(await platform.gateOut(bl))).toContain('CUSTOMS_HOLD');
    expect(platform.tap.ofType(Events.CustomsHoldPlaced.type, bl)).toHaveLength(1);
  });

  it('lists every problem of a bad order or quote, and refuses hours the terminal is closed', async () => {
    const bad = await logistics(tokens.importer).post('/v1/transport-orders', {
      blNumber: 'x',
      terminal: 'nowhere',
      earliestPickup: 'tomorrow',
      colour: 'red',
    });
    expect(bad.status).toBe(422);
    expect(codesOf(bad).length).toBeGreaterThanOrEqual(4);
    const unknown = await logistics(tokens.importer).post('/v1/transport-orders', {
      blNumber: uniqueBl('UNKU'),
      terminal: 'CNSZX-NOWHERE',
      destination: 'Dongguan',
    });
    expect(codesOf(unknown)).toEqual(['TERMINAL_UNKNOWN']);

    const bl = await released('CLSU');
    const order = await platform.orderTransport(bl, 'TEST-OFFICE-HOURS');
    const quote = (body: Record<string, unknown>) =>
      logistics(tokens.carrier).post(`/v1/transport-orders/${order.id}/quotes`, {
        priceMinor: 150_000,
        currency: 'CNY',
        truckPlate: TRUCK_PLATE,
        ...body,
      });
    // Sunday 8 March, 10:00 local
    const sunday = await quote({ pickupAt: '2026-03-08T02:00:00Z' });
    expect(sunday.status).toBe(422);
    expect(codesOf(sunday)).toEqual(['TERMINAL_CLOSED']);
    const malformed = await quote({ pickupAt: 'soon', priceMinor: 12.5, currency: 'yuan' });
    expect(codesOf(malformed).length).toBe(3);
    expect(
      (await logistics(tokens.importer).post(`/v1/transport-orders/${order.id}/quotes`, {})).status,
    ).toBe(403);
  });

  it('never overbooks an hour when two instances of logistics-trading take acceptances at once', async () => {
    // a second instance on the same database and consumer group, as when the service is scaled out
    const second = new ServiceProcesses(testEnvironment('pickup', { RISK_RANDOM_RATE: '0', ...settings }));
    await second.start(['logistics-trading']);
    try {
      const instances = [platform.api.logistics, new ApiClient(second.url('logistics-trading'))];
      // customs released six shipments (as declaration announces it), each ordered out of the same terminal
      const bls = Array.from({ length: 6 }, () => uniqueBl('RACU'));
      for (const bl of bls) {
        await platform.tap.publish('ShipmentReleased', {
          shipmentId: bl,
          declarationId: randomUUID(),
          importerId: 'TRADER-1',
        });
      }
      const orders = await Promise.all(bls.map((bl) => platform.orderTransport(bl, 'TEST-ONE')));
      const pickupAt = pickupHour(orders[0].createdAt, 6);
      const quotes = await Promise.all(
        orders.map(async (order, i) => {
          const answer = await instances[i % 2]
            .as(tokens.carrier)
            .post(`/v1/transport-orders/${order.id}/quotes`, {
              priceMinor: 150_000,
              currency: 'CNY',
              truckPlate: TRUCK_PLATE,
              pickupAt,
            });
          expect(answer.status).toBe(201);
          return answer.body.id as string;
        }),
      );
      const answers = await Promise.all(
        orders.map((order, i) =>
          instances[i % 2]
            .as(tokens.importer)
            .post(`/v1/transport-orders/${order.id}/quotes/${quotes[i]}/acceptance`),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      expect(answers.filter((a) => a.status === 409).map((a) => a.body.code)).toEqual(
        Array(5).fill('SLOT_FULL'),
      );
      const localDate = new Date(Date.parse(pickupAt) + 8 * 3_600_000).toISOString().slice(0, 10);
      const day = await logistics(tokens.ops).get(`/v1/pickup-slots?terminal=TEST-ONE&date=${localDate}`);
      expect(day.body.hours.find((h: { slotStart: string }) => h.slotStart === pickupAt).booked).toBe(1);
    } finally {
      await second.stopAll();
    }
  }, 180_000);
});
