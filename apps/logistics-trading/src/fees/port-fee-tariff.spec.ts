import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '@tongguan/config';
import { loadPortFeeTariff, parsePortFeeTariff } from './port-fee-tariff';

const fee = (overrides: object = {}) => ({
  code: 'PORT_DOC',
  description: 'Document fee',
  basis: 'per-bill-of-lading',
  amountMinor: 45000,
  ...overrides,
});

describe('parsePortFeeTariff', () => {
  it('accepts a well-formed tariff', () => {
    const tariff = parsePortFeeTariff({ tariffId: 'T-1', currency: 'CNY', fees: [fee()] });
    expect(tariff.fees[0]).toMatchObject({ code: 'PORT_DOC', amountMinor: 45000 });
  });

  it('lists every problem at once: decimal money, unknown basis, bad currency, duplicate code, unknown field', () => {
    const raw = {
      tariffId: 'T-1',
      currency: 'cny',
      fees: [fee({ amountMinor: 450.5 }), fee({ basis: 'per-week', colour: 'red' })],
    };
    let message = '';
    try {
      parsePortFeeTariff(raw, 'PORT_FEES_FILE (x.json)');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/^PORT_FEES_FILE \(x\.json\) invalid/);
    expect(message).toMatch(/currency: currency must be an ISO 4217 code/);
    expect(message).toMatch(/fees\.0\.amountMinor: amountMinor must be an integer in minor units/);
    expect(message).toMatch(/fees\.1\.basis: basis must be one of per-bill-of-lading/);
    expect(message).toMatch(/fees\.1\.colour/);
    expect(message).toMatch(/fees\.1\.code: PORT_DOC appears twice/);
  });

  it('refuses data that is not an object', () => {
    expect(() => parsePortFeeTariff([])).toThrow(/the file must hold a JSON object/);
    expect(() => parsePortFeeTariff({ tariffId: 'T-1', currency: 'CNY' })).toThrow(/fees/);
  });
});

describe('loadPortFeeTariff', () => {
  const saved = process.env.PORT_FEES_FILE;
  afterEach(() => {
    if (saved === undefined) delete process.env.PORT_FEES_FILE;
    else process.env.PORT_FEES_FILE = saved;
  });

  it('loads the tariff shipped with the app by default', () => {
    delete process.env.PORT_FEES_FILE;
    const tariff = loadPortFeeTariff();
    expect(tariff.currency).toBe('CNY');
    expect(tariff.fees.map((f) => f.code)).toEqual(expect.arrayContaining(['PORT_DOC', 'PORT_THC']));
  });

  it('reads PORT_FEES_FILE instead when set, and names the file when it is invalid', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'port-fees-'));
    const file = path.join(dir, 'fees.json');
    fs.writeFileSync(
      file,
      JSON.stringify({ tariffId: 'T-2', currency: 'CNY', fees: [fee({ amountMinor: 1 })] }),
    );
    process.env.PORT_FEES_FILE = file;
    expect(loadPortFeeTariff().fees[0].amountMinor).toBe(1);
    fs.writeFileSync(
      file,
      JSON.stringify({ tariffId: 'T-2', currency: 'CNY', fees: [fee({ amountMinor: -1 })] }),
    );
    expect(() => loadPortFeeTariff()).toThrow(`PORT_FEES_FILE (${file}) invalid`);
    fs.writeFileSync(file, '{ not json');
    expect(() => loadPortFeeTariff()).toThrow(/PORT_FEES_FILE .* is not valid JSON/);
    fs.rmSync(dir, { recursive: true });
  });
});
