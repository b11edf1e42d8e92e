import { Events, type EventName } from '@tongguan/contracts';
import { eventually, tokenFor } from '@tongguan/testing';
import { randomUUID } from 'node:crypto';
import { newShipmentId, publishRiskAssessed, readServerSentEvents } from './agency-feeds.fixtures';
import { feedsTestBed } from './feeds-test-bed';

const { tap, receiver, processes, api } = feedsTestBed('feedscopes', {}, [
  'declaration.events.v1',
  'inspection.events.v1',
  'logistics.events.v1',
  'port.events.v1',
]);

/** Commercial data a carrier or terminal must never read: declared goods and values, duty, payments. */
const COMMERCIAL = /hsCode|customsValueMinor|dutyMinor|vatMinor|totalMinor|amountMinor|receiptNumber|"items"/;

type FeedItem = {
  cursor: string;
  event: { id: string; type: string; subject: string; data: Record<string, unknown> };
};

/** The whole feed of a token, page by page. */
async function wholeFeed(token: string, query = ''): Promise<FeedItem[]> {
  const items: FeedItem[] = [];
  for (let after = '0'; ;) {
    const page = await api().as(token).get(`/v1/feed?limit=500&after=${after}${query}`);
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    if (!page.body.hasMore) return items;
    after = page.body.nextCursor;
  }
}

async function subscribe(token: string, path: string, eventTypes: string[]) {
  const created = await api()
    .as(token)
    .post('/v1/subscriptions', { url: receiver.url(path), eventTypes });
  expect(created.status).toBe(201);
}

/** Every event of one shipment's clearance, with the commercial data a declaration carries. */
async function clearShipment(shipmentId: string, importerId: string): Promise<string[]> {
  const declarationId = `D-${shipmentId}`;
  const ids = [
    await tap.publish('DeclarationLodged', {
      shipmentId,
      declarationId,
      importerId,
      filerId: importerId,
      greenChannel: false,
    }),
  ];
  // the lodgement first: an importer's webhook learns the shipment is its own from it
  await eventually(async () => (await wholeFeed(tokenFor('ops'), `&shipmentId=${shipmentId}`)).length === 1);
  ids.push(
    await tap.publish('DeclarationAccepted', {
      shipmentId,
      declarationId,
      importerId,
      currency: 'CNY',
      items: [{ hsCode: '8471300000', originCountry: 'CN', customsValueMinor: 12_345_600 }],
      greenChannel: false,
    }),
    await tap.publish('DutyAssessed', {
      shipmentId,
      declarationId,
      importerId,
      declarationVersion: 1,
      currency: 'CNY',
      dutyMinor: 0,
      vatMinor: 1_604_928,
      totalMinor: 1_604_928,
    }),
    await publishRiskAssessed(tap, shipmentId),
    await tap.publish('PaymentSettled', {
      shipmentId,
      paymentId: randomUUID(),
      importerId,
      declarationId,
      declarationVersion: 1,
      assessedMinor: 1_604_928,
      dutiesAndTaxesMinor: 1_604_928,
      currency: 'CNY',
      amountMinor: 1_704_928,
      method: 'gateway',
      receiptNumber: `R-${shipmentId}`,
    }),
    await tap.publish('CargoArrived', {
      shipmentId,
      vesselCallId: randomUUID(),
      vesselName: 'COSCO SHIPPING ARIES',
      voyage: '042E',
      containerNumbers: ['CSQU3054383'],
      packages: 12,
      grossWeightKg: 3100.5,
    }),
    await tap.publish('CustomsHoldPlaced', {
      shipmentId,
      holdId: randomUUID(),
      placedBy: 'OFFICER-7',
      reason: 'suspected undervaluation of the laptops',
    }),
    await tap.publish('ShipmentReleased', { shipmentId, declarationId, importerId }),
  );
  await eventually(
    async () => (await wholeFeed(tokenFor('ops'), `&shipmentId=${shipmentId}`)).length === ids.length,
    30_000,
    'every event of the shipment in the log',
  );
  return ids;
}

const typeOf = (name: EventName) => Events[name].type;

describe('feeds scoped by need', () => {
  it('gives a carrier arrival, hold and release facts without HS codes, values, duty or payments, by pull feed, stream and webhook', async () => {
    const carrier = tokenFor('carrier', 'CARRIER-1');
    await subscribe(carrier, '/carrier', ['CargoArrived', 'CustomsHoldPlaced', 'ShipmentReleased']);
    const refused = await api()
      .as(carrier)
      .post('/v1/subscriptions', {
        url: receiver.url('/carrier-money'),
        eventTypes: ['CargoArrived', 'PaymentSettled'],
      });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: 'FEED.TYPE_NOT_IN_SCOPE',
      errors: [{ path: 'eventTypes', code: 'TYPE_NOT_IN_SCOPE' }],
    });

    const shipmentId = newShipmentId('SCOPE');
    await clearShipment(shipmentId, `TRADER-${randomUUID()}`);

    // ops reads everything, commercial data included: the check below would see a leak
    expect(JSON.stringify(await wholeFeed(tokenFor('ops'), `&shipmentId=${shipmentId}`))).toMatch(COMMERCIAL);

    const pulled = await wholeFeed(carrier, `&shipmentId=${shipmentId}`);
    // the topics are consumed independently: the log holds them in the order they came, not as published
    const byType = (type: string) => pulled.find((i) => i.event.type === type)!.event;
    expect(pulled.map((i) => i.event.type).sort()).toEqual(
      [typeOf('CargoArrived'), typeOf('CustomsHoldPlaced'), typeOf('ShipmentReleased')].sort(),
    );
    expect(JSON.stringify(pulled)).not.toMatch(COMMERCIAL);
    expect(byType(typeOf('CustomsHoldPlaced')).data).toEqual({ shipmentId, holdId: expect.any(String) });
    expect(byType(typeOf('ShipmentReleased')).data).toEqual({ shipmentId });
    const asked = await api().as(carrier).get(`/v1/feed?types=DutyAssessed,CargoArrived`);
    expect(asked.status).toBe(403);
    expect(asked.body.code).toBe('FEED.TYPE_NOT_IN_SCOPE');

    const url = `${processes.url('port-exchange')}/v1/feed/stream?shipmentId=${shipmentId}`;
    const streamed = await readServerSentEvents(url, carrier, 3);
    expect(streamed.map((e) => e.data.id)).toEqual(pulled.map((i) => i.event.id));
    expect(JSON.stringify(streamed)).not.toMatch(COMMERCIAL);

    const delivered = await eventually(
      () => {
        const got = receiver.distinctAccepted('/carrier', shipmentId);
        return got.length === 3 && got;
      },
      30_000,
      'the carrier’s three deliveries',
    );
    expect(delivered.map((d) => d.event.type).sort()).toEqual(pulled.map((i) => i.event.type).sort());
    expect(delivered.map((d) => d.rawBody).join('\n')).not.toMatch(COMMERCIAL);
    expect(delivered.find((d) => d.event.type === typeOf('ShipmentReleased'))?.event.data).toEqual({
      shipmentId,
    });
  });

  it('gives an importer the events of its own shipments only, by pull feed, stream and webhook', async () => {
    const [mine, theirs] = [`TRADER-${randomUUID()}`, `TRADER-${randomUUID()}`];
    const token = tokenFor('importer', mine);
    await subscribe(token, '/importer', [
      'DeclarationLodged',
      'DutyAssessed',
      'RiskAssessed',
      'CargoArrived',
    ]);
    const [own, other] = [newShipmentId('OWN'), newShipmentId('OTHER')];
    const ownIds = await clearShipment(own, mine);
    await clearShipment(other, theirs);
    const unclaimed = newShipmentId('NOBODY');
    await publishRiskAssessed(tap, unclaimed); // no manifest line or declaration names an owner: nobody's
    await eventually(async () => (await wholeFeed(tokenFor('ops'), `&shipmentId=${unclaimed}`)).length === 1);

    // the manifest names the consignee before any declaration: the cargo's arrival is already the importer's
    const manifested = newShipmentId('MANIF');
    const manifestedIds = [
      await tap.publish('BillOfLadingManifested', {
        shipmentId: manifested,
        blNumber: manifested,
        vesselCallId: randomUUID(),
        carrierPartyId: 'CARRIER-1',
        consigneePartyId: mine,
        revision: 1,
      }),
      await tap.publish('CargoArrived', {
        shipmentId: manifested,
        vesselCallId: randomUUID(),
        vesselName: 'COSCO SHIPPING ARIES',
        voyage: '042E',
        containerNumbers: ['CSQU3054383'],
        packages: 1,
        grossWeightKg: 900,
      }),
    ];
    const mineIds = [...ownIds, ...manifestedIds];
    await eventually(
      async () => (await wholeFeed(tokenFor('ops'), `&shipmentId=${manifested}`)).length === 2,
    );

    const feed = await wholeFeed(token);
    expect(new Set(feed.map((i) => i.event.subject))).toEqual(new Set([own, manifested]));
    expect(feed.map((i) => i.event.id).sort()).toEqual([...mineIds].sort());
    const risk = feed.find((i) => i.event.type === typeOf('RiskAssessed'))!;
    expect(risk.event.data).toEqual({
      shipmentId: own,
      declarationId: `D-${own}`,
      channel: 'GREEN',
      taskId: '',
    });
    expect(await wholeFeed(token, `&shipmentId=${other}`)).toEqual([]);

    const url = `${processes.url('port-exchange')}/v1/feed/stream`;
    const streamed = await readServerSentEvents(url, token, mineIds.length);
    expect(streamed.map((e) => e.data.id)).toEqual(feed.map((i) => i.event.id));

    const delivered = await eventually(
      () => {
        const got = receiver.distinctAccepted('/importer');
        return got.length >= 5 && got;
      },
      30_000,
      'the importer’s deliveries',
    );
    await new Promise((r) => setTimeout(r, 1_000)); // nothing of another importer arrives late
    expect(new Set(receiver.at('/importer').map((d) => d.event.subject))).toEqual(new Set([own, manifested]));
    expect(delivered.map((d) => `${d.event.subject} ${d.event.type}`).sort()).toEqual(
      [
        ...['DeclarationLodged', 'DutyAssessed', 'RiskAssessed', 'CargoArrived'].map(
          (n) => `${own} ${typeOf(n as EventName)}`,
        ),
        `${manifested} ${typeOf('CargoArrived')}`,
      ].sort(),
    );
  });
});
