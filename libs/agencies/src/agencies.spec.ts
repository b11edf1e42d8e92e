import fs from 'node:fs';
import path from 'node:path';
import {
  agencyRegistryProblems,
  decideGreenChannel,
  greenChannelRegisterProblems,
  hsMatches,
  parseAgencyRegistry,
  readAgencyRegistry,
  readGreenChannelRegister,
  readRoutingRules,
  requiredApprovals,
  routingRulesProblems,
  actsFor,
} from './index';

const shipped = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../config/agencies.json'), 'utf8'));
const registry = readAgencyRegistry({});
const rules = readRoutingRules(registry, {});

describe('agency registry', () => {
  it('ships at least customs, inspection and two more agencies, each with timed steps', () => {
    const ids = registry.agencies.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining(['customs', 'inspection', 'licensing', 'health']));
    expect(registry.limitHours('customs', 'acceptance-review', false)).toBe(2);
    expect(registry.limitHours('customs', 'acceptance-review', true)).toBe(1);
    expect(registry.step('trader', 'notice-answer')?.limitHours).toBe(72);
  });

  it('counts a licensing limit on the 5-day calendar: 16 hours from Friday 16:30 end on Wednesday, weekend skipped', () => {
    // Friday 2026-03-06 16:30 China time; 1 h on Friday, 7 on Monday, 7 on Tuesday, 1 more on Wednesday
    const { dueAt } = registry.dueAt(
      'licensing',
      'licence-verification',
      new Date('2026-03-06T08:30:00Z'),
      false,
    );
    expect(dueAt.toISOString()).toBe('2026-03-11T02:00:00.000Z');
    // customs counts Saturday ('5+1'): 2 h from Friday 16:30 ends Saturday 09:30
    const customs = registry.dueAt('customs', 'acceptance-review', new Date('2026-03-06T08:30:00Z'), false);
    expect(customs.dueAt.toISOString()).toBe('2026-03-07T01:30:00.000Z');
  });

  it("times a step done against its limit in its owner's working hours, within it up to dueAt", () => {
    // customs: opened Friday 16:30 China time, due Saturday 11:30 (4 working hours)
    const [openedAt, dueAt] = [new Date('2026-03-06T08:30:00Z'), new Date('2026-03-07T03:30:00Z')];
    // Saturday 10:00: 1 h on Friday + 1.5 h on Saturday, the night left out
    expect(registry.timeAgainstLimit('customs', openedAt, dueAt, new Date('2026-03-07T02:00:00Z'))).toEqual({
      hours: 2.5,
      withinLimit: true,
    });
    expect(registry.timeAgainstLimit('customs', openedAt, dueAt, dueAt).withinLimit).toBe(true);
    expect(registry.timeAgainstLimit('customs', openedAt, dueAt, new Date('2026-03-07T03:31:00Z'))).toEqual({
      hours: 4.017,
      withinLimit: false,
    });
  });

  it('scales limits for a what-if, leaving the rest alone', () => {
    const cut = registry.withLimitsScaled(0.47, (owner) => owner !== 'trader');
    expect(cut.limitHours('licensing', 'licence-verification', false)).toBeCloseTo(7.52);
    expect(cut.limitHours('trader', 'payment', false)).toBe(24);
    expect(registry.limitHours('licensing', 'licence-verification', false)).toBe(16);
  });

  it('refuses a registry with every problem named', () => {
    const broken = structuredClone(shipped);
    broken.agencies[2].calendar = 'nowhere';
    broken.agencies[3].steps[0].greenLimitHours = 100;
    broken.agencies.push({ ...broken.agencies[0] });
    const problems = agencyRegistryProblems(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        'agencies.2.calendar: nowhere is not a listed calendar',
        "agencies.3.steps.0.greenLimitHours: the green channel's limit cannot be longer than limitHours",
        'agencies.4.id: customs is listed twice',
      ]),
    );
    expect(() => parseAgencyRegistry(broken, 'test')).toThrow(/nowhere is not a listed calendar/);
  });
});

describe('routing rules', () => {
  const item = (hsCode: string, originCountry = 'DE') => ({ hsCode, originCountry });

  it('matches HS prefixes and ranges', () => {
    expect(hsMatches('9301-9307', '930200')).toBe(true);
    expect(hsMatches('9301-9307', '930800')).toBe(false);
    expect(hsMatches('30', '300490')).toBe(true);
  });

  it('fans controlled goods out to every agency its rules name, once per step', () => {
    const approvals = requiredApprovals(
      {
        items: [item('930200'), item('300490'), item('281129')],
        tradeMode: '0110',
        traderStatus: 'standard',
      },
      rules,
    );
    expect(approvals).toEqual([
      { agency: 'licensing', step: 'licence-verification', ruleIds: ['LIC-ARMS', 'LIC-DUAL-USE-CHEMICALS'] },
      { agency: 'health', step: 'registration-check', ruleIds: ['HEALTH-DRUGS'] },
      { agency: 'customs', step: 'acceptance-review', ruleIds: ['CUS-REVIEW-CONTROLLED'] },
    ]);
  });

  it('spares a green-channel trader the manual acceptance review but not the licence', () => {
    const approvals = requiredApprovals(
      { items: [item('930200')], tradeMode: '0110', traderStatus: 'aeo' },
      rules,
    );
    expect(approvals.map((a) => `${a.agency}/${a.step}`)).toEqual(['licensing/licence-verification']);
  });

  it('routes an export by the rules that name exports, and an import by the rest', () => {
    const facts = { items: [item('930200', 'CN')], tradeMode: '0110', traderStatus: 'standard' as const };
    const exported = requiredApprovals({ ...facts, direction: 'export' }, rules);
    expect(exported).toEqual([
      { agency: 'licensing', step: 'licence-verification', ruleIds: ['EXP-LIC-ARMS'] },
    ]);
    const imported = requiredApprovals(facts, rules).flatMap((a) => a.ruleIds);
    expect(imported).toContain('LIC-ARMS');
    expect(imported).not.toContain('EXP-LIC-ARMS');
  });

  it('needs no other agency for ordinary goods', () => {
    expect(
      requiredApprovals({ items: [item('870323')], tradeMode: '0110', traderStatus: 'standard' }, rules),
    ).toEqual([]);
  });

  it('refuses rules naming an unknown agency step or a bad HS pattern', () => {
    const problems = routingRulesProblems(
      {
        version: 1,
        rules: [
          { id: 'X-1', agency: 'mint', step: 'coin', description: 'x', when: { hsCodes: ['93-9301'] } },
        ],
      },
      registry,
    );
    expect(problems).toEqual([
      'rules.0: mint/coin is not an agency step of the registry',
      "rules.0.when.hsCodes.0: a 2, 4 or 6 digit HS prefix or a range 'from-to'",
    ]);
  });
});

describe('green channel', () => {
  const register = readGreenChannelRegister({});

  it('is earned by the importer the register certifies, on a day the certificate is valid', () => {
    expect(decideGreenChannel(register, { importerId: 'TRADER-AEO', on: '2026-03-06' })).toMatchObject({
      greenChannel: true,
      basis: 'aeo',
    });
    expect(decideGreenChannel(register, { importerId: 'TRADER-AEO', on: '2029-01-01' }).greenChannel).toBe(
      false,
    );
  });

  it("earns nothing for a self-declared AEO id or another importer's project code", () => {
    const typed = decideGreenChannel(register, {
      importerId: 'TRADER-1',
      aeoTraderId: 'CN4403AEO0001',
      on: '2026-03-06',
    });
    expect(typed.greenChannel).toBe(false);
    expect(typed.notes[0]).toMatch(/not a certificate of TRADER-1/);
    const project = decideGreenChannel(register, {
      importerId: 'TRADER-1',
      majorProjectCode: 'MP-2026-GBA-001',
      on: '2026-03-06',
    });
    expect(project.greenChannel).toBe(false);
    const own = decideGreenChannel(register, {
      importerId: 'TRADER-PROJECT',
      majorProjectCode: 'MP-2026-GBA-001',
      on: '2026-03-06',
    });
    expect(own).toMatchObject({ greenChannel: true, basis: 'major-project', reference: 'MP-2026-GBA-001' });
  });

  it('refuses a register with bad entries', () => {
    expect(
      greenChannelRegisterProblems({
        version: 1,
        aeo: [
          { partyId: 'A', certificate: 'x', level: 'gold', validFrom: '2026-02-01', validTo: '2026-01-01' },
        ],
      }),
    ).toEqual([
      'aeo.0.certificate: must be a certificate number',
      'aeo.0.level: must be advanced or general',
      'aeo.0.validTo: before validFrom',
    ]);
  });
});

describe('agency access', () => {
  it("lets an 'agency' officer act only for its own agency, and a named role for its agency", () => {
    const licensing = registry.agency('licensing')!;
    expect(actsFor({ role: 'agency', party: 'licensing' }, licensing)).toBe(true);
    expect(actsFor({ role: 'agency', party: 'health' }, licensing)).toBe(false);
    expect(actsFor({ role: 'customs', party: 'anyone' }, registry.agency('customs')!)).toBe(true);
    expect(actsFor({ role: 'agency', party: 'customs' }, registry.agency('customs')!)).toBe(false);
  });
});
