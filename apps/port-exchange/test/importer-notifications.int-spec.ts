import { eventually, tokenFor } from '@tongguan/testing';
import { randomUUID } from 'node:crypto';
import { newShipmentId } from './agency-feeds.fixtures';
import { feedsTestBed } from './feeds-test-bed';
import { IMPORTER_NOTIFICATIONS, ShipmentStory } from './importer-notifications.fixtures';
import { dataOf, expectSignedWith, ids, typeOf } from './trader-feeds.fixtures';

const { tap, receiver, api, feeds } = feedsTestBed('importernotify');
const subscribe = (token: string, path: string, eventTypes = IMPORTER_NOTIFICATIONS) =>
  feeds.subscribe(token, path, eventTypes);

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
    await feeds.logged(storyA.shipmentId, mine.length);
    await feeds.logged(storyB.shipmentId, theirs.length);

    const feedA = (await feeds.feedOf(tokenFor('importer', a))).items;
    expect(ids(feedA).sort()).toEqual([...mine].sort()); // each once, and nothing of B's
    const feedB = (await feeds.feedOf(tokenFor('importer', b))).items;
    expect(ids(feedB).sort()).toEqual([...theirs].sort());
    expect(
      await feeds.feedOf(tokenFor('importer', a), '0', `&shipmentId=${storyB.shipmentId}`),
    ).toMatchObject({
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
    const delivered = await feeds.delivered('/importer-a', mine.length);
    expect(ids(delivered).sort()).toEqual([...mine].sort());
    expectSignedWith(delivered, hookA.secret);
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
    await feeds.logged(story.shipmentId, 2);
    const before = await feeds.feedOf(brokerToken);
    expect(before.items).toEqual([]); // not the broker's shipment yet

    const lodged = await story.lodged();
    const sinceLodged = await eventually(
      async () => {
        const page = await feeds.feedOf(brokerToken, before.cursor);
        return page.items.length === 2 && page;
      },
      30_000,
      'the lodgement and the arrival in the broker’s feed',
    );
    // the copy carries the original's ce_id and comes behind the lodgement that made it the broker's
    expect(ids(sinceLodged.items)).toEqual([lodged, arrived]);
    expect(sinceLodged.items[1].event.data).toMatchObject({ shipmentId: story.shipmentId, packages: 40 });
    // the manifest line names the consignee alone; the consignee got the arrival once, as it happened
    const ownerFeed = (await feeds.feedOf(tokenFor('importer', owner))).items;
    expect(ids(ownerFeed)).toEqual([manifested, arrived, lodged]);
    // ops and the agencies read the log as it was: no copies
    expect(ids((await feeds.feedOf(tokenFor('ops'), '0', `&shipmentId=${story.shipmentId}`)).items)).toEqual([
      manifested,
      arrived,
      lodged,
    ]);

    const withdrawn = await story.withdrawn();
    await feeds.logged(story.shipmentId, 4);
    const gateOut = await story.gateOut();
    await feeds.logged(story.shipmentId, 5);
    expect(ids((await feeds.feedOf(brokerToken, sinceLodged.cursor)).items)).toEqual([withdrawn]);
    expect(ids((await feeds.feedOf(tokenFor('importer', owner))).items)).toEqual([
      manifested,
      arrived,
      lodged,
      withdrawn,
      gateOut,
    ]);
    const delivered = await feeds.delivered('/broker', 3);
    expect(ids(delivered).sort()).toEqual([lodged, arrived, withdrawn].sort());
  });

  it('does not lose an inspection event logged before its declaration for an importer already at the head', async () => {
    const owner = `TRADER-${randomUUID()}`;
    const token = tokenFor('importer', owner);
    await subscribe(token, '/early');
    // no manifest line in the platform: nothing says whose the shipment is until the lodgement is consumed
    const story = new ShipmentStory(tap, newShipmentId('EARLY'), owner);
    const risk = await story.riskAssessed();
    await feeds.logged(story.shipmentId, 1);
    const atHead = await feeds.feedOf(token);
    expect(atHead.items).toEqual([]);

    const lodged = await story.lodged();
    const page = await eventually(
      async () => {
        const got = await feeds.feedOf(token, atHead.cursor);
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
    await feeds.logged(story.shipmentId, 3);
    await feeds.logged(other.shipmentId, 2);

    const licensing = tokenFor('agency', 'licensing');
    const officerFeed = (await feeds.feedOf(licensing)).items.filter((i) =>
      [story.shipmentId, other.shipmentId].includes(i.event.subject),
    );
    expect(ids(officerFeed).sort()).toEqual([asked, licensed].sort());
    expect((await api().as(licensing).get('/v1/feed?types=DutyAssessed')).status).toBe(403);
    const supervisorFeed = (await feeds.feedOf(tokenFor('supervisor', 'licensing'))).items.filter((i) =>
      [story.shipmentId, other.shipmentId].includes(i.event.subject),
    );
    expect(ids(supervisorFeed).sort()).toEqual([licensed, complaint].sort());
    expect(supervisorFeed.find((i) => i.event.id === complaint)?.event.data).toMatchObject({
      ownerId: 'SUPERVISOR-licensing-1',
    });
  });
});
