import { Events, type EventName } from '@tongguan/contracts';
import {
  ApiClient,
  EventTap,
  eventually,
  ServiceProcesses,
  testEnvironment,
  tokenFor,
} from '@tongguan/testing';
import { randomUUID } from 'node:crypto';
import { SIGNATURE_HEADER, verifySignature } from '../src/feeds/signing/webhook-signature';
import { newShipmentId, WebhookReceiver } from './agency-feeds.fixtures';
import { IMPORTER_NOTIFICATIONS, ShipmentStory } from './importer-notifications.fixtures';

const env = testEnvironment('importernotify', {
  FEED_POLL_MS: '100',
  FEED_BACKOFF_BASE_MS: '200',
  FEED_BACKOFF_CAP_MS: '800',
  WEBHOOK_ALLOWED_CIDRS: '127.0.0.1/32', // the test receivers listen on loopback
});
const processes = new ServiceProcesses(env);
const tap = new EventTap(process.env.KAFKA_BROKERS!, env.TOPIC_PREFIX);
const receiver = new WebhookReceiver();
let api: ApiClient;

type FeedItem = {
  cursor: string;
  event: { id: string; type: string; subject: string; data: Record<string, unknown> };
};

/** A token's feed after a cursor, page by page; the cursor to go on from. */
async function feedOf(
  token: string,
  after = '0',
  query = '',
): Promise<{ items: FeedItem[]; cursor: string }> {
  const items: FeedItem[] = [];
  for (;;) {
    const page = await api.as(token).get(`/v1/feed?limit=500&after=${after}${query}`);
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    after = page.body.nextCursor;
    if (!page.body.hasMore) return { items, cursor: after };
  }
}

/** Waits until the log holds this many events of the shipment (ops reads every event). */
async function logged(shipmentId: string, count: number): Promise<void> {
  await eventually(
    async () => (await feedOf(tokenFor('ops'), '0', `&shipmentId=${shipmentId}`)).items.length === count,
    30_000,
    `${count} events of ${shipmentId} in the log`,
  );
}

async function subscribe(token: string, path: string, eventTypes = IMPORTER_NOTIFICATIONS) {
  const created = await api.as(token).post('/v1/subscriptions', { url: receiver.url(path), eventTypes });
  expect(created.status).toBe(201);
  return created.body as { id: string; secret: string };
}

const typeOf = (name: EventName) => Events[name].type;
const dataOf = (items: FeedItem[], name: EventName) =>
  items.find((i) => i.event.type === typeOf(name))?.event.data;
const ids = (items: FeedItem[]) => items.map((i) => i.event.id);

beforeAll(async () => {
  await receiver.start();
  await tap.start([
    'declaration.events.v1',
    'inspection.events.v1',
    'logistics.events.v1',
    'port.events.v1',
    'clearance.alerts.v1',
  ]);
  await processes.start(['port-exchange']);
  api = new ApiClient(processes.url('port-exchange'));
});

afterAll(async () => {
  await tap.stop();
  await processes.stopAll();
  await receiver.stop();
});

describe('importer notifications', () => {
  it('gives each importer the status changes of its own shipments, scoped, by pull feed and signed webhook', async () => {
    const [a, b] = [`TRADER-A-${randomUUID()}`, `TRADER-B-${randomUUID()}`];
    const hookA = await subscribe(tokenFor('importer', a), '/importer-a');
    await subscribe(tokenFor('importer', b), '/importer-b');

    const storyA = new ShipmentStory(tap, newShipmentId('IMPA'), a);
    const storyB = new ShipmentStory(tap, newShipmentId('IMPB'), b, `BROKER-${randomUUID()}`);
    const mine = [
      await storyA.manifested(),
      await storyA.arrived(),
      await storyA.lodged(),
      await storyA.approvalsRequested([
        ['customs', 'acceptance-review'],
        ['licensing', 'licence-verification'],
      ]),
      await storyA.agencyDecided('licensing', 'licence-verification', 'refused'),
      await storyA.agencyDecided('customs', 'acceptance-review', 'deemed-approved'),
      await storyA.accepted(),
      await storyA.dutyAssessed(),
      await storyA.riskAssessed(),
      await storyA.documentsRequested(),
      await storyA.statusChanged('documents-required'),
      await storyA.paymentRequested(),
      await storyA.paymentSettled(),
      await storyA.released(),
      await storyA.gateOut(),
      await storyA.complaintEscalated('licensing'),
    ];
    const theirs = [
      await storyB.manifested(),
      await storyB.lodged(),
      await storyB.approvalsRequested([['health', 'registration-check']]),
      await storyB.agencyDecided('health', 'registration-check', 'approved'),
      await storyB.released(),
      await storyB.gateOut(),
    ];
    await logged(storyA.shipmentId, mine.length);
    await logged(storyB.shipmentId, theirs.length);

    const feedA = (await feedOf(tokenFor('importer', a))).items;
    expect(ids(feedA).sort()).toEqual([...mine].sort()); // each once, and nothing of B's
    const feedB = (await feedOf(tokenFor('importer', b))).items;
    expect(ids(feedB).sort()).toEqual([...theirs].sort());
    expect(await feedOf(tokenFor('importer', a), '0', `&shipmentId=${storyB.shipmentId}`)).toMatchObject({
      items: [],
    });

    // which agencies must approve, and each decision with its reasons, never the officer or its timings
    expect(dataOf(feedA, 'ApprovalsRequested')).toEqual({
      shipmentId: storyA.shipmentId,
      declarationId: storyA.declarationId,
      declarationVersion: 1,
      importerId: a,
      approvals: [
        { agency: 'customs', step: 'acceptance-review', ruleIds: ['medicines-customs'] },
        { agency: 'licensing', step: 'licence-verification', ruleIds: ['medicines-licensing'] },
      ],
    });
    const decisions = feedA.filter((i) => i.event.type === typeOf('AgencyDecisionRecorded'));
    expect(
      decisions.map((d) => d.event.data).sort((x, y) => String(x.agency).localeCompare(String(y.agency))),
    ).toEqual([
      {
        shipmentId: storyA.shipmentId,
        declarationId: storyA.declarationId,
        taskId: `T-customs-${storyA.shipmentId}`,
        agency: 'customs',
        step: 'acceptance-review',
        outcome: 'deemed-approved',
        reasons: [],
      },
      {
        shipmentId: storyA.shipmentId,
        declarationId: storyA.declarationId,
        taskId: `T-licensing-${storyA.shipmentId}`,
        agency: 'licensing',
        step: 'licence-verification',
        outcome: 'refused',
        reasons: ['the import licence has expired'],
      },
    ]);
    expect(dataOf(feedA, 'RiskAssessed')).not.toHaveProperty('score');
    expect(dataOf(feedA, 'RiskAssessed')).not.toHaveProperty('reasons');
    expect(dataOf(feedA, 'DocumentsRequested')).toMatchObject({
      documents: [{ code: 'GMP_CERTIFICATE', description: 'the manufacturer’s GMP certificate' }],
    });
    expect(dataOf(feedA, 'DocumentsRequested')).not.toHaveProperty('officerId');
    expect(dataOf(feedA, 'ComplaintEscalated')).not.toHaveProperty('ownerId');
    expect(dataOf(feedA, 'DutyAssessed')).toMatchObject({ totalMinor: 624_000 });

    // A's receiver gets every one of A's events, signed with A's secret, and nothing of B's
    const delivered = await eventually(
      () => {
        const got = receiver.distinctAccepted('/importer-a');
        return got.length === mine.length && got;
      },
      30_000,
      'importer A’s deliveries',
    );
    expect(delivered.map((d) => d.event.id).sort()).toEqual([...mine].sort());
    for (const delivery of delivered) {
      const header = delivery.headers[SIGNATURE_HEADER.toLowerCase()] as string;
      expect(
        verifySignature({
          header,
          rawBody: delivery.rawBody,
          secret: hookA.secret,
          nowSeconds: Math.floor(Date.now() / 1000),
        }),
      ).toMatchObject({ ok: true });
    }
    expect(
      JSON.stringify(delivered.find((d) => d.event.type === typeOf('AgencyDecisionRecorded'))?.event.data),
    ).not.toMatch(/decidedBy|OFFICER|decisionHours/);
    await eventually(
      () => receiver.distinctAccepted('/importer-b').length === theirs.length,
      30_000,
      'B’s deliveries',
    );
    await new Promise((r) => setTimeout(r, 500)); // nothing of the other importer comes late
    expect(new Set(receiver.at('/importer-a').map((d) => d.event.subject))).toEqual(
      new Set([storyA.shipmentId]),
    );
    expect(new Set(receiver.at('/importer-b').map((d) => d.event.subject))).toEqual(
      new Set([storyB.shipmentId]),
    );
  });

  it('gives the broker that lodges the shipment’s events, the earlier ones once as copies, until its declaration is withdrawn', async () => {
    const [owner, broker] = [`TRADER-${randomUUID()}`, `BROKER-${randomUUID()}`];
    const brokerToken = tokenFor('importer', broker);
    await subscribe(brokerToken, '/broker');
    const story = new ShipmentStory(tap, newShipmentId('BRKR'), owner, broker);
    const manifested = await story.manifested();
    const arrived = await story.arrived();
    await logged(story.shipmentId, 2);
    const before = await feedOf(brokerToken);
    expect(before.items).toEqual([]); // not the broker's shipment yet

    const lodged = await story.lodged();
    const sinceLodged = await eventually(
      async () => {
        const page = await feedOf(brokerToken, before.cursor);
        return page.items.length === 2 && page;
      },
      30_000,
      'the lodgement and the arrival in the broker’s feed',
    );
    // the copy carries the original's ce_id and comes behind the lodgement that made it the broker's
    expect(ids(sinceLodged.items)).toEqual([lodged, arrived]);
    expect(sinceLodged.items[1].event.data).toMatchObject({ shipmentId: story.shipmentId, packages: 40 });
    // the manifest line names the consignee alone; the consignee got the arrival once, as it happened
    const ownerFeed = (await feedOf(tokenFor('importer', owner))).items;
    expect(ids(ownerFeed)).toEqual([manifested, arrived, lodged]);
    // ops and the agencies read the log as it was: no copies
    expect(ids((await feedOf(tokenFor('ops'), '0', `&shipmentId=${story.shipmentId}`)).items)).toEqual([
      manifested,
      arrived,
      lodged,
    ]);

    const withdrawn = await story.withdrawn();
    await logged(story.shipmentId, 4);
    const gateOut = await story.gateOut();
    await logged(story.shipmentId, 5);
    expect(ids((await feedOf(brokerToken, sinceLodged.cursor)).items)).toEqual([withdrawn]);
    expect(ids((await feedOf(tokenFor('importer', owner))).items)).toEqual([
      manifested,
      arrived,
      lodged,
      withdrawn,
      gateOut,
    ]);
    const delivered = await eventually(
      () => {
        const got = receiver.distinctAccepted('/broker');
        return got.length === 3 && got;
      },
      30_000,
      'the broker’s deliveries',
    );
    expect(delivered.map((d) => d.event.id).sort()).toEqual([lodged, arrived, withdrawn].sort());
  });

  it('does not lose an inspection event logged before its declaration for an importer already at the head', async () => {
    const owner = `TRADER-${randomUUID()}`;
    const token = tokenFor('importer', owner);
    await subscribe(token, '/early');
    // no manifest line in the platform: nothing says whose the shipment is until the lodgement is consumed
    const story = new ShipmentStory(tap, newShipmentId('EARLY'), owner);
    const risk = await story.riskAssessed();
    await logged(story.shipmentId, 1);
    const atHead = await feedOf(token);
    expect(atHead.items).toEqual([]);

    const lodged = await story.lodged();
    const page = await eventually(
      async () => {
        const got = await feedOf(token, atHead.cursor);
        return got.items.length === 2 && got;
      },
      30_000,
      'the lodgement and the owed risk result',
    );
    expect(ids(page.items)).toEqual([lodged, risk]);
    expect(page.items[1].event.data).toEqual({
      shipmentId: story.shipmentId,
      declarationId: story.declarationId,
      channel: 'YELLOW',
      taskId: `T-inspection-${story.shipmentId}`,
    });
    await eventually(() => receiver.distinctAccepted('/early').length === 2, 30_000, 'both deliveries');
    expect(
      receiver
        .distinctAccepted('/early')
        .map((d) => d.event.id)
        .sort(),
    ).toEqual([lodged, risk].sort());
  });

  it('gives an agency officer and a supervisor only the events naming their agency', async () => {
    const story = new ShipmentStory(tap, newShipmentId('AGCY'), `TRADER-${randomUUID()}`);
    const other = new ShipmentStory(tap, newShipmentId('AGCZ'), `TRADER-${randomUUID()}`);
    const asked = await story.approvalsRequested([
      ['customs', 'acceptance-review'],
      ['licensing', 'licence-verification'],
    ]);
    const licensed = await story.agencyDecided('licensing', 'licence-verification', 'approved');
    const complaint = await story.complaintEscalated('licensing');
    await other.approvalsRequested([['health', 'registration-check']]);
    await other.agencyDecided('health', 'registration-check', 'deemed-approved');
    await logged(story.shipmentId, 3);
    await logged(other.shipmentId, 2);

    const licensing = tokenFor('agency', 'licensing');
    const officerFeed = (await feedOf(licensing)).items.filter((i) =>
      [story.shipmentId, other.shipmentId].includes(i.event.subject),
    );
    expect(ids(officerFeed).sort()).toEqual([asked, licensed].sort());
    expect((await api.as(licensing).get('/v1/feed?types=DutyAssessed')).status).toBe(403);
    const supervisorFeed = (await feedOf(tokenFor('supervisor', 'licensing'))).items.filter((i) =>
      [story.shipmentId, other.shipmentId].includes(i.event.subject),
    );
    expect(ids(supervisorFeed).sort()).toEqual([licensed, complaint].sort());
    expect(supervisorFeed.find((i) => i.event.id === complaint)?.event.data).toMatchObject({
      ownerId: 'SUPERVISOR-licensing-1',
    });
  });
});
