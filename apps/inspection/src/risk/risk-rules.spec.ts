import { ConfigError } from '@tongguan/config';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultRiskRulesFile, loadRiskRules, parseRiskRules } from './risk-rules';

function validRules(): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'config', 'risk-rules.json'), 'utf8'));
}

function tempFile(content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'risk-rules-'));
  const file = path.join(dir, 'rules.json');
  fs.writeFileSync(file, content);
  return file;
}

/** The message of the error that refuses the rules ('' when they are accepted). */
function problemsOf(raw: unknown): string {
  try {
    parseRiskRules(raw);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('risk rules file', () => {
  it('ships a valid profile, found by default', () => {
    expect(fs.existsSync(defaultRiskRulesFile())).toBe(true);
    const rules = loadRiskRules();
    expect(rules.thresholds).toEqual({ yellow: 30, red: 60 });
    expect(rules.originRules[0].countries).toContain('KP');
    expect(rules.undervaluation.referenceValues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ hs: '8703' }),
        expect.objectContaining({ hs: '870323' }),
      ]),
    );
    expect(rules.undervaluation.exchangeRates).toContainEqual({ currency: 'EUR', cnyPerUnit: '7.74' });
    expect(rules.undervaluation.ratio).toBe('0.5');
    expect(rules.traderHistory.failedInspections).toMatchObject({ scorePerFailure: 10, maxScore: 30 });
    expect(rules.aeoTrader.discount).toBeGreaterThan(0);
  });

  it('keeps trust from lifting a high-risk origin out of RED or an undervalued item out of a check', () => {
    const rules = loadRiskRules();
    const strongestOrigin = Math.min(...rules.originRules.map((r) => r.score));
    expect(strongestOrigin - rules.maxTotalDiscount).toBeGreaterThanOrEqual(rules.thresholds.red);
    expect(rules.undervaluation.score - rules.maxTotalDiscount).toBeGreaterThanOrEqual(
      rules.thresholds.yellow,
    );
    // one failed inspection alone leaves ordinary goods in the GREEN channel
    expect(rules.traderHistory.failedInspections.scorePerFailure).toBeLessThan(rules.thresholds.yellow);
  });

  it('loads a file named by path', () => {
    const rules = loadRiskRules(tempFile(JSON.stringify(validRules())));
    expect(rules.hsChapterRules.length).toBeGreaterThan(0);
  });

  it('names a missing file and a file that is not JSON', () => {
    expect(() => loadRiskRules('/nonexistent/rules.json')).toThrow(
      /RISK_RULES_FILE \/nonexistent\/rules.json cannot be read/,
    );
    expect(() => loadRiskRules(tempFile('{ not json'))).toThrow(/is not valid JSON/);
  });

  it('lists every problem with its path at once', () => {
    const raw = validRules();
    raw.thresholds.red = 'high';
    raw.originRules[0].countries = ['KP', 'korea'];
    raw.hsChapterRules[1].chapters = ['2'];
    delete raw.greenChannel;
    raw.surprise = true;
    let error: unknown;
    try {
      parseRiskRules(raw, 'rules.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Risk rules in rules.json invalid:/);
    for (const p of [
      'thresholds.red',
      'originRules.0.countries',
      'hsChapterRules.1.chapters',
      'greenChannel',
      'surprise',
    ]) {
      expect(message).toContain(`${p}:`);
    }
  });

  it('refuses thresholds out of order and duplicate rule ids', () => {
    const inverted = validRules();
    inverted.thresholds = { yellow: 70, red: 60 };
    expect(() => parseRiskRules(inverted)).toThrow(/thresholds: yellow must be below red/);
    const duplicate = validRules();
    duplicate.hsChapterRules[1].id = duplicate.hsChapterRules[0].id;
    expect(() => parseRiskRules(duplicate)).toThrow(/rule id live-animals-and-food is used twice/);
  });

  it('lists every problem of the valuation, history and trust rules with its path', () => {
    const raw = validRules();
    raw.undervaluation.ratio = 1.5;
    raw.undervaluation.referenceValues[0].hs = '87';
    raw.undervaluation.referenceValues[1].minItemValueFen = 12.5;
    raw.undervaluation.exchangeRates[0].currency = 'eur';
    raw.undervaluation.exchangeRates[1].cnyPerUnit = 0;
    raw.traderHistory.cleanRecord.minPassed = 0;
    raw.traderHistory.failedInspections.unknown = 1;
    delete raw.aeoTrader;
    raw.maxTotalDiscount = 150;
    let message = '';
    try {
      parseRiskRules(raw, 'rules.json');
    } catch (e) {
      message = (e as Error).message;
    }
    for (const p of [
      'undervaluation.ratio',
      'undervaluation.referenceValues.0.hs',
      'undervaluation.referenceValues.1.minItemValueFen',
      'undervaluation.exchangeRates.0.currency',
      'undervaluation.exchangeRates.1.cnyPerUnit',
      'traderHistory.cleanRecord.minPassed',
      'traderHistory.failedInspections.unknown',
      'aeoTrader',
      'maxTotalDiscount',
    ]) {
      expect(message).toContain(`\n  ${p}:`);
    }
  });

  it('refuses two reference values for one heading, two rates for one currency and a rate for CNY', () => {
    const raw = validRules();
    raw.undervaluation.referenceValues.push({ hs: '8703', minItemValueFen: 1 });
    raw.undervaluation.exchangeRates.push(
      { currency: 'USD', cnyPerUnit: 7 },
      { currency: 'CNY', cnyPerUnit: 1 },
      { currency: 'XYZ', cnyPerUnit: 1 },
    );
    raw.traderHistory.failedInspections = { scorePerFailure: 20, maxScore: 10, reason: 'x' };
    raw.originRules[0].id = 'aeo-trader';
    const n = raw.undervaluation.exchangeRates.length;
    let message = '';
    try {
      parseRiskRules(raw);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('undervaluation.referenceValues: HS 8703 has two reference values');
    expect(message).toContain('undervaluation.exchangeRates: USD has two rates');
    expect(message).toContain(`undervaluation.exchangeRates.${n - 2}.currency: CNY is the base currency`);
    expect(message).toContain(
      `undervaluation.exchangeRates.${n - 1}.currency: XYZ is not an ISO 4217 currency`,
    );
    expect(message).toContain('traderHistory.failedInspections: maxScore must not be below scorePerFailure');
    expect(message).toContain('rules: rule id aeo-trader is reserved for a built-in rule');
  });

  it('reads rates and the ratio as decimal strings, and a file that still has numbers from their text', () => {
    const raw = validRules();
    raw.undervaluation.ratio = 0.5;
    raw.undervaluation.exchangeRates[0].cnyPerUnit = 7.12;
    const rules = parseRiskRules(raw);
    expect(rules.undervaluation.ratio).toBe('0.5');
    expect(rules.undervaluation.exchangeRates[0].cnyPerUnit).toBe('7.12');
  });

  it('refuses rates and ratios that are not plain decimals, or out of bounds, listing each', () => {
    const raw = validRules();
    raw.undervaluation.ratio = '0';
    raw.undervaluation.exchangeRates[0].cnyPerUnit = '7,12';
    raw.undervaluation.exchangeRates[1].cnyPerUnit = 1e-7;
    raw.undervaluation.exchangeRates[2].cnyPerUnit = '0.000';
    raw.undervaluation.exchangeRates[3].cnyPerUnit = true;
    const message = problemsOf(raw);
    expect(message).toContain('undervaluation.ratio: ratio must be above 0 and at most 1, not 0');
    expect(message).toContain('undervaluation.exchangeRates.0.cnyPerUnit: cnyPerUnit must be a decimal');
    expect(message).toContain('undervaluation.exchangeRates.1.cnyPerUnit: cnyPerUnit must be a decimal');
    expect(message).toContain('undervaluation.exchangeRates.2.cnyPerUnit: cnyPerUnit must be above 0');
    expect(message).toContain('undervaluation.exchangeRates.3.cnyPerUnit:');
    expect(() =>
      parseRiskRules({ ...validRules(), undervaluation: { ...validRules().undervaluation, ratio: '1.01' } }),
    ).toThrow(/ratio must be above 0 and at most 1, not 1.01/);
    expect(
      parseRiskRules({ ...validRules(), undervaluation: { ...validRules().undervaluation, ratio: '1.00' } })
        .undervaluation.ratio,
    ).toBe('1.00');
  });

  it('refuses a file that is not an object', () => {
    expect(() => parseRiskRules([], 'x.json')).toThrow(/the file must hold a JSON object/);
  });
});
