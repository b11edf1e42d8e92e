import { eventually, FROZEN_FISH, tokenFor, uniqueBl } from '@tongguan/testing';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Platform, tokens } from './support/platform';

const CONFIG = path.join(__dirname, '..', 'config');
const FISH = {
  ...FROZEN_FISH,
  description: 'Frozen fish, other',
  originCountry: 'NO',
  quantity: 2000,
  legalQuantity: { quantity: 2000, unit: 'KGM' },
  netWeightKg: 2000,
  customsValue: 9000,
};

/**
 * Adding an agency is a change of configuration only: a copy of config/agencies.json with a fisheries
 * authority (catch certificates of frozen fish) and a routing rule naming it, and the running platform
 * fans the declaration out to it, gives its officers (role agency, party = its id) their desk, waits
 * for its approval before release and scores it, with no contract, role list or table edited.
 */
describe('an agency added to the registry', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongguan-registry-'));
  const registry = JSON.parse(fs.readFileSync(path.join(CONFIG, 'agencies.json'), 'utf8'));
  registry.agencies.push({
    id: 'fisheries',
    name: { en: 'Fisheries authority', 'zh-CN': '渔业主管部门' },
    officerRole: 'agency',
    calendar: 'government-5-day',
    complaintLimitHours: 16,
    withinLimitTarget: 0.8,
    steps: [
      {
        id: 'catch-certificate',
        name: { en: 'Catch certificate check', 'zh-CN': '合法捕捞证明核查' },
        limitHours: 8,
        greenLimitHours: 4,
        tacitApproval: true,
      },
    ],
  });
  const rules = JSON.parse(fs.readFileSync(path.join(CONFIG, 'routing-rules.json'), 'utf8'));
  rules.rules.push({
    id: 'FISH-CATCH-CERTIFICATE',
    agency: 'fisheries',
    step: 'catch-certificate',
    description:
      'Frozen fish needs a checked catch certificate (illegal, unreported and unregulated fishing).',
    when: { hsCodes: ['0303'] },
  });
  fs.writeFileSync(path.join(dir, 'agencies.json'), JSON.stringify(registry));
  fs.writeFileSync(path.join(dir, 'routing-rules.json'), JSON.stringify(rules));

  const platform = new Platform('agency-registry', {
    AGENCY_REGISTRY_FILE: path.join(dir, 'agencies.json'),
    ROUTING_RULES_FILE: path.join(dir, 'routing-rules.json'),
  });
  const fisheries = tokenFor('agency', 'fisheries');

  beforeAll(() => platform.start());
  afterAll(async () => {
    await platform.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is served by the registry API of every service that reads it', async () => {
    for (const api of [platform.api.declaration, platform.api.inspection, platform.api.monitor]) {
      const listed = await api.as(tokens.ops).get('/v1/agencies');
      expect(listed.status).toBe(200);
      expect(listed.body.agencies.map((a: { id: string }) => a.id)).toContain('fisheries');
    }
    expect(
      (await platform.api.declaration.as(tokens.ops).get('/v1/agencies/fisheries')).body.steps[0],
    ).toMatchObject({ id: 'catch-certificate', limitHours: 8, tacitApproval: true });
  });

  it('gets the declarations its rule names, its officers decide them, release waits for it and its scorecard counts it', async () => {
    const bl = uniqueBl('FISH');
    await platform.arrive(bl);
    const id = await platform.lodge(bl, FISH);
    const lodged = (await platform.declaration(id)).body;
    expect(lodged.approvals).toEqual([
      expect.objectContaining({
        agency: 'fisheries',
        step: 'catch-certificate',
        ruleIds: ['FISH-CATCH-CERTIFICATE'],
      }),
    ]);

    const task = await eventually(
      async () =>
        (await platform.api.inspection.as(fisheries).get('/v1/approvals?agency=fisheries')).body.items?.find(
          (t: { declarationId: string }) => t.declarationId === id,
        ),
      30_000,
      'the fisheries task',
    );
    // an officer of another agency neither sees nor decides it
    const licensing = tokenFor('agency', 'licensing');
    expect((await platform.api.inspection.as(licensing).get(`/v1/approvals/${task.id}`)).status).toBe(404);
    expect(
      (
        await platform.api.inspection
          .as(licensing)
          .post(`/v1/approvals/${task.id}/decision`, { outcome: 'approved' })
      ).status,
    ).toBe(404);

    if ((await platform.channelOf(bl)) !== 'GREEN')
      expect((await platform.decide(bl, 'passed')).status).toBe(200);
    await platform.pay(bl);
    await eventually(async () => (await platform.declaration(id)).body.paid === true, 30_000, 'the payment');
    expect((await platform.declaration(id)).body.status).not.toBe('released');

    const decided = await platform.api.inspection.as(fisheries).post(`/v1/approvals/${task.id}/decision`, {
      outcome: 'approved',
      reasons: ['catch certificate NO-2026-118 valid'],
    });
    expect(decided.status).toBe(200);
    await platform.waitForEvent('ShipmentReleased', bl);

    const card = await eventually(
      async () => {
        const body = (await platform.api.monitor.as(tokens.ops).get('/v1/scorecards?agency=fisheries')).body;
        const step = body.agencies?.[0]?.steps?.find((s: { step: string }) => s.step === 'catch-certificate');
        return step?.decisions === 1 ? step : undefined;
      },
      30_000,
      'the fisheries scorecard',
    );
    expect(card).toMatchObject({ approved: 1, tacitApprovals: 0, withinLimit: 1, limitHours: 8 });
  });
});
