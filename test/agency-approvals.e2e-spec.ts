import { eventually, MEDICAMENT, RIFLE, tokenFor, uniqueBl } from '@tongguan/testing';
import { Platform, tokens } from './support/platform';

const officers = {
  customs: tokens.customs,
  licensing: tokenFor('agency', 'licensing'),
  health: tokenFor('agency', 'health'),
};

/**
 * The single window over the running platform: a declaration of controlled goods fans out to every
 * agency its routing rules name (config/routing-rules.json), each decides on the approval desk of the
 * inspection service or lets its limit pass, and customs releases only when all have approved or are
 * deemed to. The business clock runs 900x and the agencies count elapsed hours (AGENCY_CALENDAR
 * continuous), so customs' 2-hour acceptance review lapses in about 8 real seconds.
 */
describe('agency approvals, end to end', () => {
  const platform = new Platform('agency-approvals', {
    CLOCK_EPOCH: '2026-03-02T00:00:00Z',
    CLOCK_SPEED: '900',
    CLOCK_ANCHOR: new Date().toISOString(),
    AGENCY_CALENDAR: 'continuous',
    DEADLINE_POLL_MS: '500',
  });

  beforeAll(() => platform.start());
  afterAll(() => platform.stop());

  /** The open approval task of one agency step of the declaration, once the desk has it. */
  const taskOf = (declarationId: string, agency: keyof typeof officers, step: string) =>
    eventually(
      async () => {
        const queue = await platform.api.inspection
          .as(officers[agency])
          .get(`/v1/approvals?agency=${agency}`);
        return queue.body.items?.find(
          (t: { declarationId: string; step: string }) =>
            t.declarationId === declarationId && t.step === step,
        );
      },
      30_000,
      `the ${agency}/${step} task`,
    );

  const decide = (task: { id: string }, agency: keyof typeof officers, outcome: string, reasons?: string[]) =>
    platform.api.inspection
      .as(officers[agency])
      .post(`/v1/approvals/${task.id}/decision`, { outcome, ...(reasons ? { reasons } : {}) });

  it('fans controlled goods out to every agency its rules name, and releases only after all approve or are deemed to', async () => {
    const bl = uniqueBl('AGYU');
    await platform.arrive(bl);
    const id = await platform.lodge(bl, {}, { items: [RIFLE, MEDICAMENT] });
    const lodged = (await platform.declaration(id)).body;
    expect(lodged.status).toBe('received');
    expect(lodged.approvals.map((a: { agency: string; step: string }) => `${a.agency}/${a.step}`)).toEqual([
      'licensing/licence-verification',
      'health/registration-check',
      'customs/acceptance-review',
    ]);

    // each agency's desk has its task; another agency's officer cannot see or decide it
    const licence = await taskOf(id, 'licensing', 'licence-verification');
    const registration = await taskOf(id, 'health', 'registration-check');
    // the licensing officer sees the licence declared for the rifle: the number it verifies
    expect(licence.items[0]).toMatchObject({ hsCode: RIFLE.hsCode, documents: RIFLE.documents });
    expect((await decide(licence, 'health', 'approved')).status).toBe(404);

    // nobody reviews the acceptance: deemed approved at its limit, then customs accepts [T2 after T1]
    const accepted = await platform.waitForEvent('DeclarationAccepted', bl, 60_000);
    const review = await taskOf(id, 'customs', 'acceptance-review');
    expect(review).toMatchObject({ status: 'deemed-approved', decidedBy: 'tacit-approval' });
    expect(Date.parse(accepted.headers.ce_time)).toBeGreaterThanOrEqual(Date.parse(review.dueAt));
    const lodgedEvent = await platform.waitForEvent('DeclarationLodged', bl);
    expect(Date.parse(accepted.headers.ce_time)).toBeGreaterThan(Date.parse(lodgedEvent.headers.ce_time));

    // inspection clears it and the importer pays; the licence and the registration still hold it
    await platform.channelOf(bl);
    if (
      (await platform.api.inspection.as(tokens.officer).get(`/v1/inspection-tasks?shipmentId=${bl}`)).body
        .total > 0
    )
      expect((await platform.decide(bl, 'passed')).status).toBe(200);
    await platform.pay(bl);
    expect((await decide(licence, 'licensing', 'approved')).status).toBe(200);
    await eventually(
      async () => (await platform.declaration(id)).body.approvals[0].status === 'approved',
      30_000,
      'the licence on the declaration',
    );
    const held = (await platform.declaration(id)).body;
    expect(held.status).not.toBe('released');
    expect(held.paid).toBe(true);
    expect(platform.tap.ofType('tongguan.declaration.ShipmentReleased.v1', bl)).toEqual([]);

    expect((await decide(registration, 'health', 'approved')).status).toBe(200);
    await platform.waitForEvent('ShipmentReleased', bl);
    const released = (await platform.declaration(id)).body;
    expect(released.statusHistory.at(-1).reason).toMatch(
      /approvals: licensing\/licence-verification approved \(licensing\), health\/registration-check approved \(health\), customs\/acceptance-review deemed-approved \(tacit-approval\)$/,
    );
    const timeline = await platform.timeline(bl, (t) => t.released !== null);
    expect(Date.parse(timeline.released)).toBeGreaterThan(Date.parse(timeline.accepted));
  });

  it("refuses release when one agency refuses, with that agency's reasons", async () => {
    const bl = uniqueBl('AGRU');
    await platform.arrive(bl);
    const id = await platform.lodge(bl, {}, { items: [MEDICAMENT], tradeMode: '0110' });
    const registration = await taskOf(id, 'health', 'registration-check');
    const refused = await decide(registration, 'health', 'refused', [
      'no imported drug registration certificate',
    ]);
    expect(refused.status).toBe(200);
    const refusal = await platform.waitForEvent('ReleaseRefused', bl);
    expect(refusal.payload.reasons).toEqual([
      'health/registration-check refused by health: no imported drug registration certificate',
    ]);
    expect((await platform.declaration(id)).body.status).toBe('refused');
  });
});
