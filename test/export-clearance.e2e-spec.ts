import { Events } from '@tongguan/contracts';
import { declarationBody, declarationLine, eventually, tokenFor, uniqueBl } from '@tongguan/testing';
import { Platform, tokens } from './support/platform';

const EXPORTER = 'EXPORTER-1';
const exporter = tokenFor('exporter', EXPORTER);
/** The exporter as customs registered it (境内发货人). */
const EXPORTER_REGISTRATION = {
  name: 'SHENZHEN ELECTRONICS CO',
  socialCreditCode: '91440300MA5EXPT012',
  customsCode: '4403160002',
};

/** An export of laptops from Shenzhen to Hamburg, lodged before the goods reach the port. */
function exportBody(bl: string) {
  return declarationBody(bl, {
    direction: 'export',
    trader: EXPORTER_REGISTRATION,
    consignor: {
      name: EXPORTER_REGISTRATION.name,
      country: 'CN',
      socialCreditCode: EXPORTER_REGISTRATION.socialCreditCode,
    },
    consignee: { name: 'HAMBURG RETAIL GMBH', country: 'DE' },
    portOfLoading: 'CNSZX',
    portOfDischarge: 'DEHAM',
    incoterm: 'FOB',
    currency: 'USD',
    items: [
      declarationLine({
        hsCode: '8471300000',
        description: 'Portable computers, under 10 kg',
        originCountry: 'CN',
        quantity: 200,
        unit: 'NAR',
        legalQuantity: { quantity: 200, unit: 'NAR' },
        secondLegalQuantity: { quantity: 400, unit: 'KGM' },
        netWeightKg: 400,
        documents: [],
        customsValue: 60000,
      }),
    ],
    grossWeightKg: 500,
  });
}

/**
 * Export clearance through all five services as processes, over the real broker and store: the export
 * declaration, the terminal's export gate, customs' release for loading, the loading list and the
 * vessel's departure (goods exited), and the monitor measuring it by direction.
 */
describe('export clearance, end to end', () => {
  const platform = new Platform('exports', { CLOCK_SPEED: '60', CLOCK_ANCHOR: new Date().toISOString() });
  const { tap } = platform;
  const port = () => platform.api.port.as(tokens.port);

  beforeAll(() => platform.start());
  afterAll(() => platform.stop());

  async function vesselCall(): Promise<string> {
    const call = await port().post('/v1/vessel-calls', {
      vesselName: 'COSCO SHIPPING LEO',
      voyage: '071W',
      eta: '2026-03-02T06:00:00Z',
    });
    expect(call.status).toBe(201);
    return call.body._id as string;
  }

  /** Once the terminal has heard of the accepted export declaration. */
  function knownAtTerminal(bl: string, until: (s: Record<string, any>) => boolean = () => true) {
    return eventually(
      async () => {
        const answer = await port().get(`/v1/export-shipments/${bl}`);
        return answer.status === 200 && until(answer.body) ? answer.body : undefined;
      },
      30_000,
      `the export shipment ${bl} at the terminal`,
    );
  }

  it('takes an export from its declaration to departure: gate-in, release for loading, goods exited', async () => {
    const bl = uniqueBl('COSU');
    const lodged = await platform.api.declaration.as(exporter).post('/v1/declarations', exportBody(bl));
    expect(lodged.status).toBe(201);
    expect(lodged.body).toMatchObject({
      direction: 'export',
      status: 'accepted',
      // no export duty on computers and no VAT on exports; the rebate list carries 8471 at 13 %
      duty: { totalMinor: 0, vatMinor: 0 },
      vatRebate: { eligible: true, lines: [{ hsCode: '8471300000', rate: 0.13 }] },
    });
    const accepted = await platform.waitForEvent('DeclarationAccepted', bl);
    expect(accepted.payload).toMatchObject({ direction: 'export', vatRebate: true, importerId: EXPORTER });

    if ((await platform.channelOf(bl)) !== 'GREEN') {
      expect((await platform.decide(bl, 'passed')).status).toBeLessThan(300);
    }
    // cleared and owing nothing, the export still waits for its goods at the port
    await knownAtTerminal(bl);
    const gateIn = await port().post('/v1/export-gate-ins', {
      blNumber: bl,
      containerNumbers: ['CSQU3054383'],
      truckPlate: 'YUE-B54321',
    });
    expect(gateIn.status).toBe(201);
    const released = await platform.waitForEvent('ReleasedForLoading', bl);
    expect(released.payload).toMatchObject({ declarationId: lodged.body.id, exporterId: EXPORTER });
    expect(tap.ofType(Events.ShipmentReleased.type, bl)).toEqual([]);

    const callId = await vesselCall();
    await knownAtTerminal(bl, (s) => s.releasedForLoading === true);
    const list = await port().post(`/v1/vessel-calls/${callId}/loading-list`, {
      containers: [{ containerNumber: 'CSQU3054383', blNumber: bl }],
    });
    expect(list.status).toBe(201);
    expect(list.body).toMatchObject({ incidents: 0, lines: [{ outcome: 'loaded' }] });
    const departure = await port().post(`/v1/vessel-calls/${callId}/departure`, {});
    expect(departure.status).toBe(200);
    expect(departure.body.shipments).toEqual([{ shipmentId: bl, containerNumbers: ['CSQU3054383'] }]);
    expect((await port().post(`/v1/vessel-calls/${callId}/departure`, {})).body.code).toBe(
      'LOADING_LIST.ALREADY_DEPARTED',
    );

    const declaration = await eventually(
      async () => {
        const answer = await platform.declaration(lodged.body.id as string, exporter);
        return answer.body.status === 'goods-exited' ? answer.body : undefined;
      },
      30_000,
      'goods exited',
    );
    expect(declaration.statusHistory.map((s: { status: string }) => s.status)).toEqual(
      expect.arrayContaining(['received', 'accepted', 'released', 'goods-exited']),
    );

    const timeline = await platform.timeline(bl, (t) => t.departed !== null && t.released !== null);
    expect(timeline).toMatchObject({ direction: 'export', gateOut: null, loadingIncidents: [] });
    expect(timeline.clearanceHours).toBeCloseTo(
      (Date.parse(timeline.released) - Date.parse(timeline.arrival)) / 3_600_000,
      2,
    );
    expect(timeline.departureHours).toBeGreaterThanOrEqual(timeline.clearanceHours);

    const stats = await platform.api.monitor.as(tokens.ops).get('/v1/stats/clearance');
    expect(stats.body.byDirection.export.count).toBeGreaterThanOrEqual(1);
    expect(stats.body.byDirection.export.departure.count).toBeGreaterThanOrEqual(1);
    const metrics = await platform.api.monitor.get('/metrics');
    expect(metrics.body).toMatch(/tongguan_clearance_hours_count\{[^}]*direction="export"[^}]*\} [1-9]/);
  });

  it('charges export duty where the tariff has it, paid by the exporter before the release for loading', async () => {
    const bl = uniqueBl('COSU');
    const body = exportBody(bl);
    // ferro-silicon: 25 % export duty in the shipped tariff, no rebate
    Object.assign(body.items[0], {
      hsCode: '7202210000',
      description: 'Ferro-silicon, over 55 % silicon',
      unit: 'KGM',
      quantity: 400,
      // counted in kilograms only, as its commodity requirements say (the laptops' body counts pieces first)
      legalQuantity: { quantity: 400, unit: 'KGM' },
      secondLegalQuantity: undefined,
      customsValue: 10000,
    });
    const lodged = await platform.api.declaration.as(exporter).post('/v1/declarations', body);
    expect(lodged.status).toBe(201);
    expect(lodged.body.duty).toMatchObject({ vatMinor: 0, lines: [{ adValoremRate: '0.25' }] });
    expect(lodged.body.duty.dutyMinor).toBe(Math.round(lodged.body.duty.customsValueCnyMinor * 0.25));
    expect(lodged.body.vatRebate.eligible).toBe(false);
    if ((await platform.channelOf(bl)) !== 'GREEN') {
      expect((await platform.decide(bl, 'passed')).status).toBeLessThan(300);
    }
    await knownAtTerminal(bl);
    const gateIn = await port().post('/v1/export-gate-ins', {
      blNumber: bl,
      containerNumbers: ['MSKU9070323'],
      truckPlate: 'YUE-B54321',
    });
    expect(gateIn.status).toBe(201);

    // at the port but unpaid: not yet released for loading; the exporter pays its own request
    const payer = platform.api.logistics.as(exporter);
    const payment = await eventually(
      async () => (await payer.get(`/v1/payments?shipmentId=${bl}`)).body.items?.[0],
      30_000,
      `the payment of ${bl}`,
    );
    expect(tap.ofType(Events.ReleasedForLoading.type, bl)).toEqual([]);
    const settled = await payer.post(`/v1/payments/${payment.id}/settlements`, { idempotencyKey: `${bl}-1` });
    expect(settled.status).toBeLessThan(300);
    await platform.waitForEvent('ReleasedForLoading', bl);
  });

  it('refuses an export container at the gate without an accepted export declaration, and says so on Kafka', async () => {
    const bl = uniqueBl('MSCU');
    const refused = await port().post('/v1/export-gate-ins', {
      blNumber: bl,
      containerNumbers: ['MSKU9070323'],
      truckPlate: 'YUE-B54321',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('EXPORT_GATE.IN_REFUSED');
    expect(refused.body.errors[0].message).toMatch(/no accepted export declaration/);
    const event = await platform.waitForEvent('ExportGateInRefused', bl);
    expect(event.payload).toMatchObject({ containerNumbers: ['MSKU9070323'] });
    expect(event.payload.reasons[0]).toMatch(/no accepted export declaration/);
  });

  it('raises an incident for a container on the loading list that customs has not released for loading', async () => {
    // accepted, but its goods never came through the export gate: not released for loading
    const bl = uniqueBl('OOLU');
    const lodged = await platform.api.declaration.as(exporter).post('/v1/declarations', exportBody(bl));
    expect(lodged.status).toBe(201);
    await knownAtTerminal(bl);
    const callId = await vesselCall();
    const list = await port().post(`/v1/vessel-calls/${callId}/loading-list`, {
      containers: [{ containerNumber: 'TGHU1234567', blNumber: bl }],
    });
    expect(list.status).toBe(201);
    expect(list.body).toMatchObject({
      incidents: 1,
      lines: [{ outcome: 'incident', incident: 'not-released-for-loading' }],
    });
    const incident = await platform.waitForEvent('LoadingIncident', bl);
    expect(incident.payload).toMatchObject({ vesselCallId: callId, containerNumber: 'TGHU1234567' });
    // the vessel leaves without it: no exit for the shipment
    expect((await port().post(`/v1/vessel-calls/${callId}/departure`, {})).body.shipments).toEqual([]);
    const timeline = await platform.timeline(bl, (t) => t.loadingIncidents.length > 0);
    expect(timeline.loadingIncidents[0]).toMatchObject({ kind: 'not-released-for-loading' });
    expect(timeline.departed).toBeNull();
  });

  it("refuses an exporter's import filing and a broker's export without the exporter's authority, every deficiency at once", async () => {
    const bl = uniqueBl('COSU');
    const asImport = await platform.api.declaration
      .as(exporter)
      .post('/v1/declarations', { ...exportBody(bl), direction: 'import' });
    expect(asImport.status).toBe(422);
    expect(asImport.body.errors.map((e: { code: string }) => e.code)).toContain('EXPORTER_IMPORTS');
    const byBroker = await platform.api.declaration
      .as(tokens.broker)
      .post('/v1/declarations', { ...exportBody(bl), exporterId: EXPORTER, portOfLoading: 'DEHAM' });
    expect(byBroker.status).toBe(422);
    expect(byBroker.body.errors.map((e: { code: string }) => e.code)).toEqual(
      expect.arrayContaining(['NOT_AUTHORISED', 'PORT_OF_LOADING_NOT_CN']),
    );
  });
});
