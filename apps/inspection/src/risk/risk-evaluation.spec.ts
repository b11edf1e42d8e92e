import path from 'node:path';
import {
  channelOf,
  evaluateRisk,
  NO_HISTORY,
  selectionDraw,
  type RandomSelection,
  type RiskSubject,
  type TraderHistory,
} from './risk-evaluation';
import { loadRiskRules, type RiskRules } from './risk-rules';

// the rules shipped with the app, so the tests also pin the production profile
const rules = loadRiskRules(path.join(__dirname, '..', '..', 'config', 'risk-rules.json'));
const noRandom = { rate: 0, seed: 'test' };

function declaration(overrides: Partial<RiskSubject> = {}): RiskSubject {
  return {
    shipmentId: 'COSU0000000001',
    currency: 'CNY',
    items: [item('847130')],
    greenChannel: false,
    ...overrides,
  };
}

/** An item line; CNY 12,500.00 by default, above every reference value of the shipped profile but cars'. */
function item(hsCode: string, originCountry = 'DE', customsValueMinor = 1_250_000) {
  return { hsCode, originCountry, customsValueMinor };
}

/** Evaluates with the shipped rules, no random selection and an importer without history unless told. */
function assess(
  subject: RiskSubject,
  options: { history?: TraderHistory; selection?: RandomSelection; with?: RiskRules } = {},
) {
  return evaluateRisk(
    subject,
    options.with ?? rules,
    options.selection ?? noRandom,
    options.history ?? NO_HISTORY,
  );
}

describe('evaluateRisk', () => {
  it('sends an ordinary declaration through the GREEN channel with score 0', () => {
    const outcome = assess(declaration());
    expect(outcome).toMatchObject({ channel: 'GREEN', score: 0, randomlySelected: false, matchedRules: [] });
    expect(outcome.reasons).toEqual(['no risk rule matched']);
  });

  it('sends goods from a high-risk origin to physical inspection (RED), naming country and item', () => {
    const outcome = assess(declaration({ items: [item('847130'), item('620342', 'KP')] }));
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
    const outcome = assess(declaration({ items: [item(hsCode)] }));
    expect(outcome.channel).toBe('YELLOW');
    expect(outcome.matchedRules).toEqual([rule]);
    expect(outcome.reasons[0]).toContain(`HS chapter ${hsCode.slice(0, 2)} on item 1`);
  });

  it('does not take chapter 06 (plants) or 28 (inorganic chemicals) for a sensitive chapter', () => {
    expect(assess(declaration({ items: [item('060110'), item('280110')] })).channel).toBe('GREEN');
  });

  it('counts a rule once per declaration but lists every item it matched', () => {
    const outcome = assess(declaration({ items: [item('020130'), item('847130'), item('040210')] }));
    expect(outcome.score).toBe(40);
    expect(outcome.reasons[0]).toMatch(/HS chapter 02 on item 1, HS chapter 04 on item 3/);
  });

  it('adds independent risks up and caps the score at 100', () => {
    const twoChapters = assess(declaration({ items: [item('020130'), item('300490')] }));
    expect(twoChapters).toMatchObject({ channel: 'RED', score: 75 });
    const everything = assess(declaration({ items: [item('930190', 'SY'), item('020130')] }));
    expect(everything.score).toBe(100);
    expect(everything.reasons).toHaveLength(3);
  });

  it('lowers the score for a major project in the green channel and says on what basis', () => {
    const project = assess(
      declaration({ items: [item('930190')], greenChannel: true, majorProjectCode: 'MP-7' }),
    );
    expect(project).toMatchObject({ channel: 'YELLOW', score: 30 });
    expect(project.matchedRules).toEqual(['arms-and-ammunition', 'green-channel']);
    expect(project.reasons[1]).toBe('green channel: major project MP-7, score lowered by 15');
    const food = assess(declaration({ items: [item('020130')], greenChannel: true }));
    expect(food).toMatchObject({ channel: 'GREEN', score: 25 });
    expect(food.reasons[1]).toBe('green channel: declared, score lowered by 15');
  });

  it('keeps a green-channel declaration from a high-risk origin in RED', () => {
    const outcome = assess(declaration({ items: [item('847130', 'IR')], greenChannel: true }));
    expect(outcome).toMatchObject({ channel: 'RED', score: 65 });
  });

  it('does not mention the green channel when there was nothing to lower', () => {
    const outcome = assess(declaration({ greenChannel: true }));
    expect(outcome).toMatchObject({ channel: 'GREEN', score: 0, reasons: ['no risk rule matched'] });
  });

  it('selects a shipment at random at rate 1 and never at rate 0', () => {
    const always = assess(declaration(), { selection: { rate: 1, seed: 'x' } });
    expect(always).toMatchObject({
      channel: 'YELLOW',
      score: 40,
      randomlySelected: true,
      matchedRules: ['random-selection'],
    });
    expect(always.reasons).toEqual(['selected at random for a control']);
    expect(assess(declaration(), { selection: { rate: 0, seed: 'x' } }).randomlySelected).toBe(false);
  });

  it('lets the green channel discount lower the random inspection rate', () => {
    const outcome = assess(declaration({ greenChannel: true }), { selection: { rate: 1, seed: 'x' } });
    expect(outcome).toMatchObject({ channel: 'GREEN', score: 25, randomlySelected: true });
  });

  it('gives the same outcome for the same declaration, rules and seed', () => {
    const subject = declaration({ items: [item('300490', 'KP')] });
    const selection = { rate: 0.5, seed: 'tongguan' };
    const history = { passed: 2, failed: 1 };
    expect(assess(subject, { selection, history })).toEqual(
      assess({ ...subject }, { selection, history: { ...history } }),
    );
  });
});

describe('undervaluation', () => {
  const car = (valueMinor: number, originCountry = 'DE', hsCode = '870323') =>
    item(hsCode, originCountry, valueMinor);

  it('scores an item declared far below the reference value of its heading, naming the item and both values', () => {
    const outcome = assess(declaration({ items: [item('847130'), car(4_000_000)] }));
    expect(outcome).toMatchObject({ channel: 'YELLOW', score: 50, matchedRules: ['undervalued-item'] });
    expect(outcome.reasons).toEqual([
      'customs value far below the reference value: valuation documents to check (item 2, HS 870323: ' +
        'declared CNY 40,000.00, below 50% of the reference CNY 100,000.00 for HS 870323)',
    ]);
  });

  it('takes the reference of the 6-digit subheading before that of the 4-digit heading', () => {
    // 870321 has no reference of its own: the heading's CNY 60,000.00 applies, half of it is CNY 30,000.00
    expect(assess(declaration({ items: [car(4_000_000, 'DE', '870321')] })).score).toBe(0);
    const low = assess(declaration({ items: [car(2_900_000, 'DE', '870321')] }));
    expect(low.score).toBe(50);
    expect(low.reasons[0]).toContain(
      'declared CNY 29,000.00, below 50% of the reference CNY 60,000.00 for HS 8703)',
    );
    // a 10-digit national code is matched on its first 6 digits
    expect(assess(declaration({ items: [car(4_000_000, 'DE', '8703231990')] })).score).toBe(50);
  });

  it('scores only values strictly below the ratio', () => {
    expect(assess(declaration({ items: [car(5_000_000)] })).matchedRules).toEqual([]);
    expect(assess(declaration({ items: [car(4_999_999)] })).matchedRules).toEqual(['undervalued-item']);
  });

  it('converts a foreign currency with the rate of the rules file before comparing', () => {
    // the German car of the end-to-end tests: EUR 40,000.00 is CNY 309,600.00
    const german = assess(declaration({ currency: 'EUR', items: [car(4_000_000)] }));
    expect(german).toMatchObject({ channel: 'GREEN', score: 0 });
    const cheap = assess(declaration({ currency: 'EUR', items: [car(600_000)] }));
    expect(cheap.score).toBe(50);
    expect(cheap.reasons[0]).toContain('declared CNY 46,440.00 (EUR 6,000.00 at 7.74), below 50%');
  });

  it('knows currencies without minor units', () => {
    const laptops = (yen: number) =>
      assess(declaration({ currency: 'JPY', items: [item('847130', 'JP', yen)] }));
    expect(laptops(50_000).score).toBe(0);
    const cheap = laptops(20_000);
    expect(cheap.score).toBe(50);
    expect(cheap.reasons[0]).toContain(
      'declared CNY 950.00 (JPY 20,000 at 0.0475), below 50% of the reference CNY 2,000.00',
    );
  });

  it('says so, and scores nothing, when the currency has no rate', () => {
    const swiss = assess(declaration({ currency: 'CHF', items: [car(100)] }));
    expect(swiss).toMatchObject({ channel: 'GREEN', score: 0, matchedRules: [] });
    expect(swiss.reasons).toEqual([
      'customs values not compared with reference values: no CHF exchange rate in the risk rules',
    ]);
    // nothing to compare: nothing to say
    const shirts = assess(declaration({ currency: 'CHF', items: [item('620342', 'DE', 100)] }));
    expect(shirts.reasons).toEqual(['no risk rule matched']);
  });

  it('never scores an item whose heading has no reference value', () => {
    expect(assess(declaration({ items: [item('620342', 'DE', 0)] })).score).toBe(0);
  });

  it('counts once per declaration and lists every undervalued item', () => {
    const outcome = assess(
      declaration({ items: [car(100_000), item('847130'), item('847130', 'CN', 1_000)] }),
    );
    expect(outcome.score).toBe(50);
    expect(outcome.reasons[0]).toMatch(
      /\(item 1, HS 870323: .*; item 3, HS 847130: declared CNY 10.00, .*\)$/,
    );
  });

  it('applies the configured ratio', () => {
    const strict: RiskRules = { ...rules, undervaluation: { ...rules.undervaluation, ratio: '0.9' } };
    expect(assess(declaration({ items: [car(8_500_000)] })).score).toBe(0);
    const outcome = assess(declaration({ items: [car(8_500_000)] }), { with: strict });
    expect(outcome.score).toBe(50);
    expect(outcome.reasons[0]).toContain('below 90% of the reference');
  });
});

describe("the importer's inspection history", () => {
  it('raises the score for each failed inspection and says so', () => {
    const outcome = assess(declaration(), { history: { passed: 2, failed: 1 } });
    expect(outcome).toMatchObject({ channel: 'GREEN', score: 10, matchedRules: ['failed-inspections'] });
    expect(outcome.reasons).toEqual([
      'the importer failed earlier inspections (1 failed inspection of 3), score raised by 10',
    ]);
  });

  it('needs three failures to send ordinary goods to a document check, and caps what failures add', () => {
    const withFailures = (failed: number) => assess(declaration(), { history: { passed: 0, failed } });
    expect(withFailures(2)).toMatchObject({ channel: 'GREEN', score: 20 });
    expect(withFailures(3)).toMatchObject({ channel: 'YELLOW', score: 30 });
    const many = withFailures(7);
    expect(many).toMatchObject({ channel: 'YELLOW', score: 30 });
    expect(many.reasons[0]).toBe(
      'the importer failed earlier inspections (7 failed inspections of 7), score raised by 30',
    );
  });

  it('lowers the score of an importer with a clean record of five passed inspections', () => {
    const chemicals = declaration({ items: [item('293339')] });
    const clean = assess(chemicals, { history: { passed: 5, failed: 0 } });
    expect(clean).toMatchObject({ channel: 'GREEN', score: 25 });
    expect(clean.matchedRules).toEqual(['chemicals-and-pharmaceuticals', 'clean-record']);
    expect(clean.reasons[1]).toBe(
      'the importer passed its earlier inspections (5 inspections passed, none failed), score lowered by 10',
    );
    expect(assess(chemicals, { history: { passed: 4, failed: 0 } })).toMatchObject({
      channel: 'YELLOW',
      score: 35,
      matchedRules: ['chemicals-and-pharmaceuticals'],
    });
  });

  it('has no clean record once an inspection failed, however many passed', () => {
    const outcome = assess(declaration({ items: [item('293339')] }), { history: { passed: 40, failed: 1 } });
    expect(outcome).toMatchObject({ channel: 'YELLOW', score: 45 });
    expect(outcome.matchedRules).toEqual(['chemicals-and-pharmaceuticals', 'failed-inspections']);
  });

  it('does not mention a clean record when there was nothing to lower', () => {
    const outcome = assess(declaration(), { history: { passed: 9, failed: 0 } });
    expect(outcome).toMatchObject({ score: 0, reasons: ['no risk rule matched'], matchedRules: [] });
  });

  it("keeps the end-to-end expectations after the importer's one failed inspection", () => {
    const history = { passed: 1, failed: 1 };
    const german = (overrides: Partial<ReturnType<typeof item>>) =>
      declaration({ currency: 'EUR', items: [{ ...item('870323', 'DE', 4_000_000), ...overrides }] });
    expect(assess(german({}), { history })).toMatchObject({ channel: 'GREEN', score: 10 });
    expect(assess(german({ originCountry: 'MM' }), { history })).toMatchObject({ channel: 'RED', score: 90 });
    for (const originCountry of ['DE', 'NO']) {
      expect(assess(german({ hsCode: '030389', originCountry }), { history })).toMatchObject({
        channel: 'YELLOW',
        score: 50,
      });
    }
  });
});

describe('AEO traders and the green channel', () => {
  const food = (overrides: Partial<RiskSubject> = {}) =>
    declaration({ items: [item('020130')], ...overrides });
  const aeo = { greenChannel: true, aeoTraderId: 'AEO-CN-1' };

  it('gives an AEO trader its own discount, and no second one for the green channel that rests on it', () => {
    const outcome = assess(food(aeo));
    expect(outcome).toMatchObject({ channel: 'GREEN', score: 25 });
    expect(outcome.matchedRules).toEqual(['live-animals-and-food', 'aeo-trader']);
    expect(outcome.reasons).toHaveLength(2);
    expect(outcome.reasons[1]).toBe('AEO-certified trader AEO-CN-1, score lowered by 15');
  });

  it('gives the AEO discount to a declaration carrying an AEO id outside the green channel', () => {
    expect(assess(food({ aeoTraderId: 'AEO-CN-1' }))).toMatchObject({ score: 25, channel: 'GREEN' });
  });

  it('counts an AEO trader filing for a major project on both grounds, within the cap on discounts', () => {
    const outcome = assess(food({ ...aeo, majorProjectCode: 'MP-7' }));
    expect(outcome).toMatchObject({ channel: 'GREEN', score: 20 });
    expect(outcome.matchedRules).toEqual(['live-animals-and-food', 'aeo-trader', 'green-channel']);
    expect(outcome.reasons.slice(1)).toEqual([
      'AEO-certified trader AEO-CN-1, score lowered by 15',
      'green channel: major project MP-7, score lowered by 5 (of 15: discounts are capped at 20 in total)',
    ]);
  });

  it('does not mention AEO status when there was nothing to lower', () => {
    expect(assess(declaration(aeo)).reasons).toEqual(['no risk rule matched']);
  });

  it("lowers an AEO trader's random inspection rate", () => {
    const outcome = assess(declaration(aeo), { selection: { rate: 1, seed: 'x' } });
    expect(outcome).toMatchObject({ channel: 'GREEN', score: 25, randomlySelected: true });
  });
});

describe('rules combined', () => {
  const aeo = { greenChannel: true, aeoTraderId: 'AEO-CN-1' };

  it('lets an AEO trader with one failed inspection keep its discount, down to 0', () => {
    const history = { passed: 3, failed: 1 };
    const car = assess(declaration(aeo), { history });
    expect(car).toMatchObject({ channel: 'GREEN', score: 0 });
    expect(car.reasons).toEqual([
      'the importer failed earlier inspections (1 failed inspection of 4), score raised by 10',
      'AEO-certified trader AEO-CN-1, score lowered by 10 (of 15: the score cannot go below 0)',
    ]);
    expect(assess(declaration({ ...aeo, items: [item('020130')] }), { history })).toMatchObject({
      channel: 'YELLOW',
      score: 35,
    });
  });

  it('withholds the AEO discount from a trader with two failed inspections, and says so', () => {
    const history = { passed: 3, failed: 2 };
    const food = assess(declaration({ ...aeo, items: [item('020130')] }), { history });
    expect(food).toMatchObject({ channel: 'RED', score: 60 });
    expect(food.matchedRules).toEqual(['live-animals-and-food', 'failed-inspections']);
    expect(food.reasons[2]).toBe('AEO-certified trader AEO-CN-1: no discount after 2 failed inspections');
    // a major project is a ground of its own and keeps its discount
    const project = assess(declaration({ ...aeo, majorProjectCode: 'MP-7', items: [item('020130')] }), {
      history,
    });
    expect(project).toMatchObject({ channel: 'YELLOW', score: 45 });
  });

  it('sends an undervalued item from a high-risk origin to physical inspection', () => {
    const outcome = assess(declaration({ items: [item('870323', 'MM', 1_000_000)] }));
    expect(outcome).toMatchObject({ channel: 'RED', score: 100 });
    expect(outcome.matchedRules).toEqual(['high-risk-origin', 'undervalued-item']);
    expect(outcome.reasons[0]).toContain('origin MM on item 1');
    expect(outcome.reasons[1]).toContain('item 1, HS 870323: declared CNY 10,000.00');
  });

  it('sends undervalued frozen fish from an importer with failures to physical inspection', () => {
    const outcome = assess(declaration({ items: [item('030389', 'NO', 100_000)] }), {
      history: { passed: 0, failed: 3 },
    });
    expect(outcome).toMatchObject({ channel: 'RED', score: 100 });
    expect(outcome.matchedRules).toEqual(['live-animals-and-food', 'undervalued-item', 'failed-inspections']);
  });

  it('never lets trust take an undervalued item out of a document check', () => {
    const outcome = assess(
      declaration({ ...aeo, majorProjectCode: 'MP-7', items: [item('870323', 'DE', 1_000_000)] }),
      { history: { passed: 8, failed: 0 } },
    );
    expect(outcome).toMatchObject({ channel: 'YELLOW', score: 30 });
    expect(outcome.matchedRules).toEqual(['undervalued-item', 'aeo-trader', 'green-channel']);
    expect(outcome.reasons.at(-1)).toBe(
      'the importer passed its earlier inspections (8 inspections passed, none failed), ' +
        'no further discount: discounts are capped at 20 in total',
    );
  });

  it('never lets trust take a high-risk origin out of RED', () => {
    const outcome = assess(declaration({ ...aeo, majorProjectCode: 'MP-7', items: [item('847130', 'IR')] }), {
      history: { passed: 8, failed: 0 },
    });
    expect(outcome).toMatchObject({ channel: 'RED', score: 60 });
  });

  it('lowers a score past the top of the scale from 100, so the reason tells the truth', () => {
    const outcome = assess(declaration({ ...aeo, items: [item('930190', 'SY'), item('020130')] }));
    expect(outcome).toMatchObject({ channel: 'RED', score: 85 });
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
