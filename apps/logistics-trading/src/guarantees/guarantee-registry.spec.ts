import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '@tongguan/config';
import { loadGuaranteeRegistry, parseGuaranteeRegistry } from './guarantee-registry';

const guarantee = (overrides: object = {}) => ({
  traderId: 'TRADER-7',
  aeoCertificate: 'AEO-CN-4403-0001',
  guaranteeNumber: 'BG-ICBC-SZ-2026-0001',
  bank: 'Industrial and Commercial Bank of China, Shenzhen Branch',
  currency: 'CNY',
  limitMinor: 500_000_000,
  validUntil: '2026-12-31T23:59:59+08:00',
  ...overrides,
});

function problemsOf(raw: unknown): string {
  try {
    parseGuaranteeRegistry(raw, 'GUARANTEES_FILE (x.json)');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  return '';
}

describe('parseGuaranteeRegistry', () => {
  it('accepts a well-formed registry and finds a guarantee by trader and by number', () => {
    const registry = parseGuaranteeRegistry({
      guarantees: [guarantee(), guarantee({ traderId: 'T-8', guaranteeNumber: 'BG-2' })],
    });
    expect(registry.forTrader('TRADER-7')?.guaranteeNumber).toBe('BG-ICBC-SZ-2026-0001');
    expect(registry.byNumber('BG-2')?.traderId).toBe('T-8');
    expect(registry.forTrader('TRADER-1')).toBeUndefined();
  });

  it('lists every problem at once: decimal limit, bad certificate, date, currency, unknown field, duplicates', () => {
    const message = problemsOf({
      guarantees: [
        guarantee({ limitMinor: 1000.5, aeoCertificate: 'CERT-1', colour: 'red' }),
        guarantee({ validUntil: 'end of year', currency: 'yuan', guaranteeNumber: 'BG-2' }),
        guarantee({ traderId: 'TRADER-9' }),
      ],
    });
    expect(message).toMatch(/^GUARANTEES_FILE \(x\.json\) invalid/);
    expect(message).toMatch(/guarantees\.0\.limitMinor: limitMinor must be an integer in minor units/);
    expect(message).toMatch(/guarantees\.0\.aeoCertificate: aeoCertificate must look like AEO-CN-4403-0001/);
    expect(message).toMatch(/guarantees\.0\.colour/);
    expect(message).toMatch(/guarantees\.1\.validUntil/);
    expect(message).toMatch(/guarantees\.1\.currency/);
    expect(message).toMatch(/guarantees\.1\.traderId: TRADER-7 appears twice/);
    expect(message).toMatch(/guarantees\.2\.guaranteeNumber: BG-ICBC-SZ-2026-0001 appears twice/);
  });

  it('refuses a limit of zero and data that is not a registry', () => {
    expect(problemsOf({ guarantees: [guarantee({ limitMinor: 0 })] })).toMatch(/limitMinor/);
    expect(problemsOf([])).toMatch(/the file must hold a JSON object/);
    expect(problemsOf({})).toMatch(/guarantees/);
  });
});

describe('loadGuaranteeRegistry', () => {
  const saved = process.env.GUARANTEES_FILE;
  afterEach(() => {
    if (saved === undefined) delete process.env.GUARANTEES_FILE;
    else process.env.GUARANTEES_FILE = saved;
  });

  it('loads the registry shipped with the app by default', () => {
    delete process.env.GUARANTEES_FILE;
    const registry = loadGuaranteeRegistry();
    expect(registry.guarantees.length).toBeGreaterThan(0);
    expect(registry.guarantees.every((g) => g.currency === 'CNY')).toBe(true);
  });

  it('reads GUARANTEES_FILE instead when set, and names the file when it is invalid', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guarantees-'));
    const file = path.join(dir, 'guarantees.json');
    fs.writeFileSync(file, JSON.stringify({ guarantees: [guarantee({ limitMinor: 1 })] }));
    process.env.GUARANTEES_FILE = file;
    expect(loadGuaranteeRegistry().guarantees[0].limitMinor).toBe(1);
    fs.writeFileSync(file, JSON.stringify({ guarantees: [guarantee({ limitMinor: -1 })] }));
    expect(() => loadGuaranteeRegistry()).toThrow(`GUARANTEES_FILE (${file}) invalid`);
    fs.rmSync(dir, { recursive: true });
  });
});
