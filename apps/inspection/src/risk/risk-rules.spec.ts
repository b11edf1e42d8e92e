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

describe('risk rules file', () => {
  it('ships a valid profile, found by default', () => {
    expect(fs.existsSync(defaultRiskRulesFile())).toBe(true);
    const rules = loadRiskRules();
    expect(rules.thresholds).toEqual({ yellow: 30, red: 60 });
    expect(rules.originRules[0].countries).toContain('KP');
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

  it('refuses a file that is not an object', () => {
    expect(() => parseRiskRules([], 'x.json')).toThrow(/the file must hold a JSON object/);
  });
});
