import path from 'node:path';
import { channelOf, evaluateRisk, selectionDraw, type RiskSubject } from './risk-evaluation';
import { loadRiskRules } from './risk-rules';

// the rules shipped with the app, so the tests also pin the production profile
const rules = loadRiskRules(path.join(__dirname, '..', '..', 'config', 'risk-rules.json'));
const noRandom = { rate: 0, seed: 'test' };

function declaration(overrides: Partial<RiskSubject> = {}): RiskSubject {
  return {
    shipmentId: 'COSU0000000001',
    items: [{ hsCode: '847130', originCountry: 'DE' }],
    greenChannel: false,
    ...overrides,
  };
}

const item = (hsCode: string, originCountry = 'DE') => ({ hsCode, originCountry });

describe('evaluateRisk', () => {
  it('sends an ordinary declaration through the GREEN channel with score 0', () => {
    const outcome = evaluateRisk(declaration(), rules, noRandom);
    expect(outcome).toMatchObject({ channel: 'GREEN', score: 0, randomlySelected: false, matchedRules: [] });
    expect(outcome.reasons).toEqual(['no risk rule matched']);
  });

  it('sends goods from a high-risk origin to physical inspection (RED), naming country and item', () => {
    const outcome = evaluateRisk(
      declaration({ items: [item('847130'), item('620342', 'KP')] }),
      rules,
      noRandom,
    );
    expect(outcome.channel).toBe('RED');
    expect(outcome.score).toBe(80);
    expect(outcome.matchedRules).toEqual(['high-risk-origin']);
    expect(outcome.reasons[0]).toMatch(/high-risk country.*origin KP on item 2/);
  });

  it.each([
    ['010121', 'live-animals-and-food'],
    ['030617', 'live-animals-and-food'],
    ['050400', 'live-animals-and-food'],
    ['930190', 'arms-and-ammunition'],
    ['293339', 'chemicals-and-pharmaceuticals'],
    ['300490', 'chemicals-and-pharmaceuticals'],
  ])('sends HS %s (a sensitive chapter) to a document check (YELLOW)', (hsCode, rule) => {
    const outcome = evaluateRisk(declaration({ items: [item(hsCode)] }), rules, noRandom);
    expect(outcome.channel).toBe('YELLOW');
    expect(outcome.matchedRules).toEqual([rule]);
    expect(outcome.reasons[0]).toContain(`HS chapter ${hsCode.slice(0, 2)} on item 1`);
  });

  it('does not take chapter 06 (plants) or 28 (inorganic chemicals) for a sensitive chapter', () => {
    expect(
      evaluateRisk(declaration({ items: [item('060110'), item('280110')] }), rules, noRandom).channel,
    ).toBe('GREEN');
  });

  it('counts a rule once per declaration but lists every item it matched', () => {
    const outcome = evaluateRisk(
      declaration({ items: [item('020130'), item('847130'), item('040210')] }),
      rules,
      noRandom,
    );
    expect(outcome.score).toBe(40);
    expect(outcome.reasons[0]).toMatch(/HS chapter 02 on item 1, HS chapter 04 on item 3/);
  });

  it('adds independent risks up and caps the score at 100', () => {
    const twoChapters = evaluateRisk(
      declaration({ items: [item('020130'), item('300490')] }),
      rules,
      noRandom,
    );
    expect(twoChapters).toMatchObject({ channel: 'RED', score: 75 });
    const everything = evaluateRisk(
      declaration({ items: [item('930190', 'SY'), item('020130')] }),
      rules,
      noRandom,
    );
    expect(everything.score).toBe(100);
    expect(everything.reasons).toHaveLength(3);
  });

  it('lowers the score for the green channel and says on what basis', () => {
    const food = evaluateRisk(
      declaration({ items: [item('020130')], greenChannel: true, aeoTraderId: 'AEO-CN-1' }),
      rules,
      noRandom,
    );
    expect(food).toMatchObject({ channel: 'GREEN', score: 25 });
    expect(food.reasons[1]).toMatch(/green channel.*AEO trader AEO-CN-1, score lowered by 15/);
    const project = evaluateRisk(
      declaration({ items: [item('930190')], greenChannel: true, majorProjectCode: 'MP-7' }),
      rules,
      noRandom,
    );
    expect(project).toMatchObject({ channel: 'YELLOW', score: 30 });
    expect(project.reasons[1]).toContain('major project MP-7');
  });

  it('keeps a green-channel declaration from a high-risk origin in RED', () => {
    const outcome = evaluateRisk(
      declaration({ items: [item('847130', 'IR')], greenChannel: true }),
      rules,
      noRandom,
    );
    expect(outcome).toMatchObject({ channel: 'RED', score: 65 });
  });

  it('does not mention the green channel when there was nothing to lower', () => {
    const outcome = evaluateRisk(declaration({ greenChannel: true }), rules, noRandom);
    expect(outcome).toMatchObject({ channel: 'GREEN', score: 0, reasons: ['no risk rule matched'] });
  });

  it('selects a shipment at random at rate 1 and never at rate 0', () => {
    const always = evaluateRisk(declaration(), rules, { rate: 1, seed: 'x' });
    expect(always).toMatchObject({
      channel: 'YELLOW',
      score: 40,
      randomlySelected: true,
      matchedRules: ['random-selection'],
    });
    expect(always.reasons).toEqual(['selected at random for a control']);
    expect(evaluateRisk(declaration(), rules, { rate: 0, seed: 'x' }).randomlySelected).toBe(false);
  });

  it('lets the green channel discount lower the random inspection rate', () => {
    const outcome = evaluateRisk(declaration({ greenChannel: true }), rules, { rate: 1, seed: 'x' });
    expect(outcome).toMatchObject({ channel: 'GREEN', score: 25, randomlySelected: true });
  });

  it('gives the same outcome for the same declaration, rules and seed', () => {
    const subject = declaration({ items: [item('300490', 'KP')] });
    const selection = { rate: 0.5, seed: 'tongguan' };
    expect(evaluateRisk(subject, rules, selection)).toEqual(evaluateRisk({ ...subject }, rules, selection));
  });
});

describe('selectionDraw', () => {
  const ids = Array.from({ length: 20_000 }, (_, i) => `MSCU${String(i).padStart(8, '0')}`);

  it('is deterministic per seed and shipment, within [0, 1)', () => {
    expect(selectionDraw('tongguan', 'COSU1')).toBe(selectionDraw('tongguan', 'COSU1'));
    for (const id of ids.slice(0, 1000)) {
      const draw = selectionDraw('tongguan', id);
      expect(draw).toBeGreaterThanOrEqual(0);
      expect(draw).toBeLessThan(1);
    }
  });

  it('selects about the configured share of shipments', () => {
    const selected = ids.filter((id) => selectionDraw('tongguan', id) < 0.03).length / ids.length;
    expect(selected).toBeGreaterThan(0.025);
    expect(selected).toBeLessThan(0.035);
  });

  it('selects other shipments under another seed', () => {
    const pick = (seed: string) => ids.filter((id) => selectionDraw(seed, id) < 0.03);
    const a = pick('tongguan');
    const b = new Set(pick('another-seed'));
    expect(a.filter((id) => b.has(id)).length).toBeLessThan(a.length / 4);
  });
});

describe('channelOf', () => {
  it('uses the thresholds inclusively', () => {
    const thresholds = { thresholds: { yellow: 30, red: 60 } };
    expect([0, 29.9, 30, 59, 60, 100].map((s) => channelOf(s, thresholds))).toEqual([
      'GREEN',
      'GREEN',
      'YELLOW',
      'YELLOW',
      'RED',
      'RED',
    ]);
  });
});
