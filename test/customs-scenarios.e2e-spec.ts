import { declarationBody, eventually, FROZEN_FISH, tokenFor, uniqueBl } from '@tongguan/testing';
import path from 'node:path';
import { IMPORTER_PARTY, Platform, tokens } from './support/platform';

/**
 * The customs decisions that made clearance fast, over the running platform on an accelerated
 * business clock (1 real second = 15 business minutes, from Monday 2 March 2026 08:00 in Shenzhen, so
 * that the tacit-approval deadline falls within the first working day).
 */
describe('customs decisions, end to end', () => {
  const platform = new Platform('customs', {
    CLOCK_EPOCH: '2026-03-02T00:00:00Z',
    CLOCK_SPEED: '900',
    CLOCK_ANCHOR: new Date().toISOString(),
    // short enough to watch tacit approval happen, long enough (12 real seconds) for officers to act first
    INSPECTION_LIMIT_HOURS_RED: '3',
    // two ordinary physical-inspection slots a day and one reserved for the green channel
    INSPECTION_SITES_FILE: path.join(__dirname, 'support', 'inspection-sites.small.json'),
  });

  beforeAll(() => platform.start());
  afterAll(() => platform.stop());

  it('GREEN: no inspection; released as soon as it is paid', async () => {
    const bl = uniqueBl('GRNU');
    await platform.arrive(bl);
    const id = await platform.lodge(bl);
    expect(await platform.channelOf(bl)).toBe('GREEN');
    await platform.pay(bl);
    await platform.waitForEvent('ShipmentReleased', bl);
    const timeline = await platform.timeline(bl, (t) => t.released !== null);
    expect(timeline).toMatchObject({ channel: 'GREEN', inspected: null });
    expect((await platform.declaration(id)).body.status).toBe('released');
    const tasks = await platform.api.inspection
      .as(tokens.officer)
      .get(`/v1/inspection-tasks?shipmentId=${bl}`);
    expect(tasks.body.items).toEqual([]);
  });

  it('YELLOW: a document check the officer passes, then release', async () => {
    const bl = uniqueBl('YELU');
    await platform.arrive(bl);
    await platform.lodge(bl, FROZEN_FISH);
    expect(await platform.channelOf(bl)).toBe('YELLOW');
    // the officer takes the task from the queue: another officer can no longer decide it
    const officer = platform.api.inspection.as(tokens.officer);
    const task = await platform.taskOf(bl);
    expect((await officer.post(`/v1/inspection-tasks/${task.id}/claim`)).body).toMatchObject({
      claimedBy: 'OFFICER-9',
    });
    const colleague = platform.api.inspection.as(tokenFor('inspection', 'OFFICER-2'));
    const taken = await colleague.post(`/v1/inspection-tasks/${task.id}/result`, {
      result: 'passed',
      findings: [],
    });
    expect(taken.body.code).toBe('INSPECTION.TASK_CLAIMED');
    expect((await platform.decide(bl, 'passed')).status).toBe(200);
    await platform.pay(bl);
    const released = await platform.waitForEvent('ShipmentReleased', bl);
    expect(released.payload.shipmentId).toBe(bl);
    const timeline = await platform.timeline(bl, (t) => t.released !== null);
    expect(timeline).toMatchObject({ channel: 'YELLOW', inspectionOutcome: 'passed' });
  });

  it('RED failed: release refused with the findings, and the gate stays shut', async () => {
    const bl = uniqueBl('REDU');
    await platform.arrive(bl);
    const id = await platform.lodge(bl, { originCountry: 'MM' });
    expect(await platform.channelOf(bl)).toBe('RED');
    expect(
      (await platform.decide(bl, 'failed', ['undeclared lithium batteries in container CSQU3054383'])).status,
    ).toBe(200);
    await platform.pay(bl);
    const refused = await platform.waitForEvent('ReleaseRefused', bl);
    expect(refused.payload.reasons.join(' ')).toContain('undeclared lithium batteries');
    const declaration = await platform.declaration(id);
    expect(declaration.body.status).toBe('refused');
    expect(declaration.body.statusHistory.at(-1).reason).toContain('undeclared lithium batteries');
    const gate = await platform.gateOut(bl);
    expect(gate.status).toBe(409);
    expect(platform.tap.ofType('tongguan.declaration.ShipmentReleased.v1', bl)).toEqual([]);

    // the decisions are on the record: who, role, what, when, why; the importer reads its own trail only.
    // The monitor reads each topic on its own, so the inspection result may be folded after the refusal.
    const trail = await eventually(
      async () => {
        const answer = await platform.api.monitor.as(tokens.importer).get(`/v1/shipments/${bl}/audit`);
        const actions = new Set((answer.body.entries ?? []).map((e: { action: string }) => e.action));
        return actions.has('release refused') && actions.has('inspection failed')
          ? answer.body.entries
          : undefined;
      },
      30_000,
      'the audit trail',
    );
    expect(trail).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: 'TRADER-1',
          role: 'importer',
          action: expect.stringContaining('lodged'),
        }),
        expect.objectContaining({
          actor: 'OFFICER-9',
          role: 'inspection',
          action: 'inspection failed',
          reasons: ['undeclared lithium batteries in container CSQU3054383'],
        }),
        expect.objectContaining({ actor: 'customs', action: 'release refused' }),
      ]),
    );
    const times = trail.map((e: { at: string }) => e.at);
    expect([...times].sort()).toEqual(times);
    expect(
      (await platform.api.monitor.as(tokens.otherImporter).get(`/v1/shipments/${bl}/audit`)).status,
    ).toBe(404);
  });

  it('RED left alone: deemed approved at its deadline on the business clock, then released', async () => {
    const bl = uniqueBl('TACU');
    await platform.arrive(bl);
    await platform.lodge(bl, { originCountry: 'MM' });
    expect(await platform.channelOf(bl)).toBe('RED');
    await platform.pay(bl);
    const deemed = await platform.waitForEvent('InspectionDeemedApproved', bl, 100_000);
    expect(Date.parse(deemed.headers.ce_time)).toBeGreaterThanOrEqual(Date.parse(deemed.payload.deadline));
    await platform.waitForEvent('ShipmentReleased', bl);
    const timeline = await platform.timeline(bl, (t) => t.released !== null);
    expect(timeline.inspectionOutcome).toBe('deemed-approved');
    // an officer who comes back after the deadline is told it has passed
    expect((await platform.decide(bl, 'passed')).status).toBe(409);
    expect(platform.tap.ofType('tongguan.inspection.InspectionDeemedApproved.v1', bl)).toHaveLength(1);
  }, 150_000);

  it('pre-arrival: a filing lodged and paid before the vessel arrives is released by arrival (zero clearance hours)', async () => {
    const bl = uniqueBl('PREU');
    const id = await platform.lodge(bl);
    expect(await platform.channelOf(bl)).toBe('GREEN');
    await platform.pay(bl);
    await platform.waitForEvent('ShipmentReleased', bl);
    await platform.arrive(bl);
    const timeline = await platform.timeline(bl, (t) => t.arrival !== null && t.released !== null);
    expect(Date.parse(timeline.released)).toBeLessThan(Date.parse(timeline.arrival));
    expect(timeline.clearanceHours).toBe(0);
    expect(timeline.slaState).toBe('met');
    expect((await platform.gateOutOnceReleased(bl)).body.status).toBe('recorded');
    // the declaration hears of the gate-out as an event
    await eventually(
      async () => (await platform.declaration(id)).body.status === 'goods-exited',
      30_000,
      'goods exited',
    );
  });

  it('one notice: customs and inspection both want documents, one resubmission answers both, then release', async () => {
    const bl = uniqueBl('NOTU');
    await platform.arrive(bl);
    const id = await platform.lodge(bl, FROZEN_FISH);
    expect(await platform.channelOf(bl)).toBe('YELLOW');
    const officer = platform.api.inspection.as(tokens.officer);
    const task = await platform.taskOf(bl);

    const asked = await officer.post(`/v1/inspection-tasks/${task.id}/document-requests`, {
      documents: [
        { code: 'HEALTH_CERTIFICATE', description: 'veterinary health certificate of the exporting country' },
      ],
    });
    expect(asked.status).toBe(200);
    expect(asked.body.status).toBe('documents-requested');
    const queried = await platform.api.declaration.as(tokens.customs).post(`/v1/declarations/${id}/queries`, {
      documents: [{ code: 'COMMERCIAL_INVOICE', description: 'signed commercial invoice' }],
    });
    expect(queried.status).toBe(201);

    // the importer sees one notice listing what both agencies want
    const importer = platform.api.declaration.as(tokens.importer);
    const notice = await eventually(
      async () => {
        const answer = await importer.get(`/v1/declarations/${id}/notice`);
        return answer.body.items?.length === 2 ? answer.body : undefined;
      },
      30_000,
      'the consolidated notice',
    );
    expect(notice.items.map((i: { agency: string; code: string }) => `${i.agency}:${i.code}`).sort()).toEqual(
      ['customs:COMMERCIAL_INVOICE', 'inspection:HEALTH_CERTIFICATE'],
    );
    expect((await platform.declaration(id)).body.status).toBe('documents-required');
    const pushed = await platform.waitForEvent('DeclarationStatusChanged', bl);
    expect(pushed.payload).toMatchObject({ status: 'documents-required', importerId: 'TRADER-1' });
    expect((await platform.decide(bl, 'passed')).body.code).toBe('INSPECTION.AWAITING_DOCUMENTS');

    // answering only one item is refused, naming the other; answering both reopens both agencies' work
    const [first, second] = notice.items as { itemId: string }[];
    const partial = await importer.post(`/v1/declarations/${id}/notice/responses`, {
      documents: [{ itemId: first.itemId, documentRef: 'DOC-1' }],
    });
    expect(partial.status).toBe(422);
    expect(partial.body.errors).toEqual([
      expect.objectContaining({ code: 'MISSING_ANSWER', message: expect.stringContaining(second.itemId) }),
    ]);
    const answered = await importer.post(`/v1/declarations/${id}/notice/responses`, {
      documents: [
        { itemId: first.itemId, documentRef: 'DOC-1' },
        { itemId: second.itemId, documentRef: 'DOC-2' },
      ],
    });
    expect(answered.status).toBe(200);
    expect(answered.body.status).toBe('answered');
    const submitted = await platform.waitForEvent('DocumentsSubmitted', bl);
    expect(submitted.payload.documents).toHaveLength(2);

    const reopened = await eventually(
      async () => {
        const current = (await officer.get(`/v1/inspection-tasks/${task.id}`)).body;
        return current.status === 'open' ? current : undefined;
      },
      30_000,
      'the task to reopen',
    );
    // the working time spent waiting is given back (none, if the wait fell in the lunch break)
    expect(Date.parse(reopened.deadline)).toBeGreaterThanOrEqual(Date.parse(task.deadline));
    expect((await platform.decide(bl, 'passed')).status).toBe(200);
    await platform.pay(bl);
    await platform.waitForEvent('ShipmentReleased', bl);
    const submissions = platform.tap.ofType('tongguan.declaration.DocumentsSubmitted.v1', bl);
    expect(new Set(submissions.map((m) => m.headers.ce_id)).size).toBe(1);
  });

  it('first contact: the first officer to take an inquiry owns it until it is answered', async () => {
    const bl = uniqueBl('INQU');
    await platform.lodge(bl);
    const api = platform.api.declaration;
    const question = { shipmentId: bl, question: 'Which quarantine certificate do the goods need?' };
    expect((await api.as(tokens.otherImporter).post('/v1/inquiries', question)).status).toBe(404);
    const opened = await api.as(tokens.importer).post('/v1/inquiries', question);
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;

    const claimed = await api.as(tokens.port).post(`/v1/inquiries/${id}/claim`);
    expect(claimed.body).toMatchObject({ status: 'claimed', ownerId: 'TERMINAL-1', ownerRole: 'port' });
    const second = await api.as(tokens.customs).post(`/v1/inquiries/${id}/claim`);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      code: 'INQUIRY.ALREADY_OWNED',
      message: expect.stringContaining('TERMINAL-1'),
    });
    const notOwner = await api
      .as(tokens.customs)
      .post(`/v1/inquiries/${id}/answer`, { answer: 'a veterinary certificate' });
    expect(notOwner.body.code).toBe('INQUIRY.NOT_OWNER');

    const answered = await api.as(tokens.port).post(`/v1/inquiries/${id}/answer`, {
      answer: 'Inspection confirms: the veterinary health certificate of the exporting country.',
    });
    expect(answered.status).toBe(200);
    const seen = await api.as(tokens.importer).get(`/v1/inquiries/${id}`);
    expect(seen.body).toMatchObject({ status: 'answered', answer: expect.stringContaining('veterinary') });
    expect(seen.body.history.map((h: { what: string }) => h.what.split(':')[0])).toEqual([
      'opened',
      'claimed',
      'answered',
    ]);
    expect((await api.as(tokens.otherImporter).get(`/v1/inquiries/${id}`)).status).toBe(404);
  });

  it('an amendment before payment is validated, versioned and assessed again by every agency', async () => {
    const bl = uniqueBl('AMDU');
    await platform.arrive(bl);
    const id = await platform.lodge(bl);
    expect(await platform.channelOf(bl)).toBe('GREEN');
    const logistics = platform.api.logistics.as(tokens.importer);
    const first = await eventually(
      async () => (await logistics.get(`/v1/payments?shipmentId=${bl}`)).body.items?.[0],
      30_000,
      'the payment',
    );

    const importer = platform.api.declaration.as(tokens.importer);
    const otherBl = await importer.post(`/v1/declarations/${id}/amendments`, {
      reason: 'wrong bill of lading',
      declaration: declarationBody(uniqueBl('XXXU')),
    });
    expect(otherBl.status).toBe(422);
    expect(otherBl.body.errors).toEqual([expect.objectContaining({ code: 'BL_CHANGED' })]);

    // the corrected invoice: one car, not two, and the goods come from elsewhere
    const corrected = declarationBody(bl, { totalPackages: 1, grossWeightKg: 1600 });
    Object.assign(corrected.items[0], {
      quantity: 1,
      legalQuantity: { quantity: 1, unit: 'NAR' },
      secondLegalQuantity: { quantity: 1450, unit: 'KGM' },
      packages: { count: 1, type: 'NE' },
      netWeightKg: 1450,
      customsValue: 20000,
      originCountry: 'MM',
    });
    const amended = await importer.post(`/v1/declarations/${id}/amendments`, {
      reason: 'invoice corrected: one car shipped',
      declaration: corrected,
    });
    expect(amended.status).toBe(200);
    expect(amended.body).toMatchObject({ version: 2, status: 'accepted' });

    // inspection assesses the new version (RED now) and logistics restates the unpaid request
    await eventually(
      () =>
        platform.tap
          .ofType('tongguan.inspection.RiskAssessed.v1', bl)
          .find((m) => m.payload.channel === 'RED'),
      30_000,
      'the second risk assessment',
    );
    const restated = await eventually(
      async () => {
        const payment = (await logistics.get(`/v1/payments/${first.id}`)).body;
        return payment.totalMinor < first.totalMinor ? payment : undefined;
      },
      30_000,
      'the restated payment',
    );
    expect(restated.status).toBe('requested');
    const declaration = (await platform.declaration(id)).body;
    expect(declaration).toMatchObject({
      version: 2,
      versions: [expect.objectContaining({ version: 1, reason: 'invoice corrected: one car shipped' })],
    });
    expect(declaration.statusHistory.map((s: { status: string }) => s.status)).toContain('amended');

    // the new version goes through the RED channel to release; afterwards it can no longer be amended
    expect((await platform.decide(bl, 'passed')).status).toBe(200);
    await platform.pay(bl);
    await platform.waitForEvent('ShipmentReleased', bl);
    const late = await importer.post(`/v1/declarations/${id}/amendments`, {
      reason: 'too late now',
      declaration: corrected,
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('DECLARATION.NOT_AMENDABLE');
  });

  it("RED inspections are booked into a site's daily slots; the green channel has its own and never queues behind", async () => {
    const officer = platform.api.inspection.as(tokens.officer);
    const slotOf = async (bl: string) => (await platform.taskOf(bl, 'slot')).slot;
    const ordinary = [];
    for (const prefix of ['SLAU', 'SLBU', 'SLCU']) {
      const bl = uniqueBl(prefix);
      await platform.lodge(bl, { originCountry: 'MM' });
      ordinary.push(await slotOf(bl));
    }
    // the green channel is earned from the register: customs registers a major project to the importer
    const project = `MP-SLOT-${Date.now().toString().slice(-6)}`;
    const registered = await platform.api.declaration
      .as(tokens.customs)
      .request('PUT', `/v1/green-channel/major-projects/${project}`, {
        partyId: IMPORTER_PARTY,
        name: 'Qianhai port logistics park',
        validFrom: '2020-01-01',
        validTo: '2099-12-31',
      });
    expect(registered.status).toBe(200);
    const green = uniqueBl('SLGU');
    await platform.lodge(green, { originCountry: 'MM' }, { majorProjectCode: project });
    expect(await platform.channelOf(green)).toBe('RED');
    const greenSlot = await slotOf(green);

    const dates = ordinary.map((slot) => slot.date);
    expect([...dates].sort()).toEqual(dates);
    expect(ordinary.every((slot) => slot.reserved === false)).toBe(true);
    expect(greenSlot.reserved).toBe(true);
    expect(greenSlot.date <= dates[dates.length - 1]).toBe(true);
    for (const date of new Set([...dates, greenSlot.date])) {
      const day = (await officer.get(`/v1/inspection-slots?date=${date}`)).body;
      expect(day.ordinary.booked).toBeLessThanOrEqual(2);
      expect(day.greenReserved.booked).toBeLessThanOrEqual(1);
    }
    // three ordinary inspections cannot share a day of two ordinary slots
    expect(new Set(dates).size).toBeGreaterThan(1);
  });

  it('withdrawal before release drops the open task and the payment request; the B/L may be filed again', async () => {
    const bl = uniqueBl('WDRU');
    await platform.arrive(bl);
    const id = await platform.lodge(bl, { originCountry: 'MM' });
    expect(await platform.channelOf(bl)).toBe('RED');
    const officer = platform.api.inspection.as(tokens.officer);
    const importer = platform.api.logistics.as(tokens.importer);
    const task = await platform.taskOf(bl);
    const payment = await eventually(
      async () => (await importer.get(`/v1/payments?shipmentId=${bl}`)).body.items?.[0],
      30_000,
      'the payment',
    );

    const withdraw = (token: string) =>
      platform.api.declaration
        .as(token)
        .post(`/v1/declarations/${id}/withdrawal`, { reason: 'goods sold afloat to another importer' });
    expect((await withdraw(tokens.otherImporter)).status).toBe(404);
    const withdrawn = await withdraw(tokens.importer);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ id, status: 'cancelled' });
    expect((await withdraw(tokens.importer)).status).toBe(409);

    await eventually(
      async () => (await officer.get(`/v1/inspection-tasks/${task.id}`)).body.status === 'withdrawn',
      30_000,
      'the task to close',
    );
    await eventually(
      async () => (await importer.get(`/v1/payments/${payment.id}`)).body.status === 'cancelled',
      30_000,
      'the payment to be cancelled',
    );
    const settle = await importer.post(`/v1/payments/${payment.id}/settlements`, {
      idempotencyKey: 'after-withdrawal-1',
    });
    expect(settle.status).toBe(409);
    expect(settle.body.code).toBe('PAYMENT.CANCELLED');
    expect((await platform.decide(bl, 'passed')).status).toBe(409);

    // the B/L is free again: a corrected filing is accepted
    const again = await platform.api.declaration
      .as(tokens.importer)
      .post('/v1/declarations', declarationBody(bl));
    expect(again.status).toBe(201);
    const timeline = await platform.timeline(bl, (t) => t.withdrawn === true);
    expect(timeline.withdrawn).toBe(true);
  });

  it('a released declaration can no longer be withdrawn', async () => {
    const bl = uniqueBl('RELU');
    const id = await platform.lodge(bl);
    await platform.pay(bl);
    await platform.waitForEvent('ShipmentReleased', bl);
    // the release and its event are one write, so once the event is out the declaration says released
    const answer = await platform.api.declaration
      .as(tokens.importer)
      .post(`/v1/declarations/${id}/withdrawal`, { reason: 'changed our mind' });
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('DECLARATION.NOT_WITHDRAWABLE');
  });

  it("an importer cannot read or list another importer's declaration (404, not 403)", async () => {
    const bl = uniqueBl('OWNU');
    const id = await platform.lodge(bl);
    expect((await platform.declaration(id, tokens.otherImporter)).status).toBe(404);
    const list = await platform.api.declaration
      .as(tokens.otherImporter)
      .get(`/v1/declarations?shipmentId=${bl}`);
    expect(list.body).toMatchObject({ items: [], total: 0 });
    expect((await platform.declaration(id, tokens.ops)).status).toBe(200);
  });

  it('a filing with seven distinct deficiencies gets one 422 listing all seven', async () => {
    const bl = uniqueBl('DEFU');
    await platform.lodge(bl); // so that a second filing for the B/L is a duplicate
    const body = declarationBody(bl, {
      incoterm: 'FOB2',
      currency: 'ABC',
      portOfLoading: 'hamburg',
      grossWeightKg: 100,
      consignor: { name: 'ACME GMBH', country: 'XY' },
    });
    body.items[0].hsCode = '9999999999';
    const answer = await platform.api.declaration.as(tokens.importer).post('/v1/declarations', body);
    expect(answer.status).toBe(422);
    const found = answer.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`);
    expect(found.sort()).toEqual(
      [
        'blNumber:DUPLICATE_BL',
        'consignor.country:COUNTRY_UNKNOWN',
        'currency:CURRENCY_UNKNOWN',
        'grossWeightKg:WEIGHT_INCONSISTENT',
        'incoterm:IS_IN',
        'items.0.hsCode:HS_CODE_UNKNOWN',
        'portOfLoading:MATCHES',
      ].sort(),
    );
  });
});
