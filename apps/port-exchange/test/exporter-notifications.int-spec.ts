import { tokenFor } from '@tongguan/testing';
import { randomUUID } from 'node:crypto';
import { newShipmentId } from './agency-feeds.fixtures';
import { feedsTestBed } from './feeds-test-bed';
import { EXPORTER_NOTIFICATIONS, ExportStory } from './exporter-notifications.fixtures';
import { ShipmentStory } from './importer-notifications.fixtures';
import { dataOf, expectSignedWith, ids } from './trader-feeds.fixtures';

const { tap, receiver, api, feeds } = feedsTestBed('exporternotify');
const sorted = (values: string[]) => [...values].sort();

describe('exporter notifications', () => {
  it('gives each exporter its own export shipments’ events, scoped, by pull feed and signed webhook, and an importer only those it is a party to', async () => {
    const [one, two] = [`EXPORTER-1-${randomUUID()}`, `EXPORTER-2-${randomUUID()}`];
    const [broker, importer] = [`BROKER-${randomUUID()}`, `TRADER-${randomUUID()}`];
    const hookOne = await feeds.subscribe(tokenFor('exporter', one), '/exporter-1', EXPORTER_NOTIFICATIONS);
    const hookTwo = await feeds.subscribe(tokenFor('exporter', two), '/exporter-2', EXPORTER_NOTIFICATIONS);
    // a broker (role importer) lodging the second exporter's declaration, and an importer that is no party
    await feeds.subscribe(tokenFor('importer', broker), '/export-broker', EXPORTER_NOTIFICATIONS);
    await feeds.subscribe(tokenFor('importer', importer), '/bystander', EXPORTER_NOTIFICATIONS);

    const first = new ExportStory(tap, newShipmentId('EXPA'), one);
    const second = new ExportStory(tap, newShipmentId('EXPB'), two, broker);
    const vesselCallId = randomUUID();
    const mine = [
      await first.lodged(),
      await first.riskAssessed(),
      await first.accepted(),
      await first.dutyAssessed(),
      await first.paymentRequested(),
      await first.paymentSettled(),
      await first.gateIn(),
      await first.releasedForLoading(),
      await first.departed(vesselCallId),
    ];
    const theirs = [
      await second.lodged(),
      await second.accepted(),
      await second.gateIn(),
      await second.loadingIncident(vesselCallId),
      await second.releasedForLoading(),
      await second.departed(vesselCallId),
    ];
    // the bystander's own import, logged after the exports: once it has that, it has had its chance at them
    const ownImport = new ShipmentStory(tap, newShipmentId('IMPX'), importer);
    const imported = [await ownImport.lodged(), await ownImport.statusChanged('accepted')];
    await feeds.logged(first.shipmentId, mine.length);
    await feeds.logged(second.shipmentId, theirs.length);
    await feeds.logged(ownImport.shipmentId, imported.length);

    const feedOne = (await feeds.feedWith(tokenFor('exporter', one), mine.length)).items;
    expect(sorted(ids(feedOne))).toEqual(sorted(mine)); // each once, and nothing of the other exporter's
    expect(sorted(ids((await feeds.feedWith(tokenFor('exporter', two), theirs.length)).items))).toEqual(
      sorted(theirs),
    );
    expect(sorted(ids((await feeds.feedWith(tokenFor('importer', broker), theirs.length)).items))).toEqual(
      sorted(theirs),
    );
    expect(
      sorted(ids((await feeds.feedWith(tokenFor('importer', importer), imported.length)).items)),
    ).toEqual(sorted(imported));
    const asked = `&shipmentId=${second.shipmentId}`;
    expect((await feeds.feedOf(tokenFor('exporter', one), '0', asked)).items).toEqual([]);

    // the exporter's own declaration and moves in full; risk without the score or the reasons
    expect(dataOf(feedOne, 'ReleasedForLoading')).toEqual({
      shipmentId: first.shipmentId,
      declarationId: first.declarationId,
      exporterId: one,
    });
    expect(dataOf(feedOne, 'GoodsDeparted')).toMatchObject({
      vesselCallId,
      containerNumbers: ['MSKU7750217'],
    });
    expect(dataOf(feedOne, 'PaymentSettled')).toMatchObject({ importerId: one, amountMinor: 624_000 });
    expect(dataOf(feedOne, 'RiskAssessed')).toEqual({
      shipmentId: first.shipmentId,
      declarationId: first.declarationId,
      channel: 'YELLOW',
      taskId: `T-inspection-${first.shipmentId}`,
    });
    // the import side's events are not an exporter's to ask for
    const exporterApi = api().as(tokenFor('exporter', one));
    expect((await exporterApi.get('/v1/feed?types=BillOfLadingManifested')).status).toBe(403);
    const pickups = { url: receiver.url('/pickups'), eventTypes: ['PickupBooked'] };
    expect((await exporterApi.post('/v1/subscriptions', pickups)).status).toBe(403);

    const deliveredOne = await feeds.delivered('/exporter-1', mine.length);
    expect(sorted(ids(deliveredOne))).toEqual(sorted(mine));
    expectSignedWith(deliveredOne, hookOne.secret);
    const deliveredTwo = await feeds.delivered('/exporter-2', theirs.length);
    expect(sorted(ids(deliveredTwo))).toEqual(sorted(theirs));
    expectSignedWith(deliveredTwo, hookTwo.secret);
    expect(sorted(ids(await feeds.delivered('/export-broker', theirs.length)))).toEqual(sorted(theirs));
    expect(sorted(ids(await feeds.delivered('/bystander', imported.length)))).toEqual(sorted(imported));
    for (const [path, shipmentId] of [
      ['/exporter-1', first.shipmentId],
      ['/exporter-2', second.shipmentId],
      ['/bystander', ownImport.shipmentId],
    ]) {
      expect(new Set(receiver.at(path).map((d) => d.event.subject))).toEqual(new Set([shipmentId]));
    }
  });

  it('delivers an export gate refusal logged before the declaration once its exporter is known', async () => {
    const exporter = `EXPORTER-${randomUUID()}`;
    const token = tokenFor('exporter', exporter);
    const hook = await feeds.subscribe(token, '/early-export', EXPORTER_NOTIFICATIONS);
    // the truck came before the export declaration: nothing says whose the shipment is yet
    const story = new ExportStory(tap, newShipmentId('EXPEARLY'), exporter);
    const refused = await story.gateInRefused();
    await feeds.logged(story.shipmentId, 1);
    const { cursor: atHead } = await feeds.feedWith(token, 0); // not the exporter's yet

    const lodged = await story.lodged();
    const { items } = await feeds.feedWith(token, 2, atHead);
    // the copy carries the original's ce_id and comes behind the lodgement that made it the exporter's
    expect(ids(items)).toEqual([lodged, refused]);
    expect(items[1].event.data).toMatchObject({
      reasons: ['no accepted export declaration for this shipment'],
    });
    const delivered = await feeds.delivered('/early-export', 2);
    expect(sorted(ids(delivered))).toEqual(sorted([lodged, refused]));
    expectSignedWith(delivered, hook.secret);
  });

  it('gives a trader that imports and exports under one id its exports as exporter and its imports as importer', async () => {
    const trader = `TRADER-${randomUUID()}`;
    const exported = new ExportStory(tap, newShipmentId('BOTHX'), trader);
    const imported = new ShipmentStory(tap, newShipmentId('BOTHI'), trader);
    const exports = [await exported.lodged(), await exported.gateIn(), await exported.releasedForLoading()];
    const imports = [await imported.manifested(), await imported.lodged(), await imported.released()];
    await feeds.logged(exported.shipmentId, exports.length);
    await feeds.logged(imported.shipmentId, imports.length);

    const asExporter = await feeds.feedWith(tokenFor('exporter', trader), exports.length);
    // topics are consumed independently: the gate-in may be logged after the release
    expect(sorted(ids(asExporter.items))).toEqual(sorted(exports));
    const asImporter = await feeds.feedWith(tokenFor('importer', trader), imports.length);
    expect(sorted(ids(asImporter.items))).toEqual(sorted(imports));
  });
});
