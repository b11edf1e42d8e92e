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
const storage = (overrides: object = {}) => ({
  code: 'PORT_STORAGE',
  description: 'Container storage',
  basis: 'storage-per-day',
  unit: 'container',
  freeDays: 4,
  tiers: [
    { fromDay: 5, dailyRateMinor: 6000 },
    { fromDay: 11, dailyRateMinor: 12000 },
  ],
  ...overrides,
});
const base = { tariffId: 'T-1', currency: 'CNY', utcOffsetMinutes: 480 };

describe('parsePortFeeTariff', () => {
  it('accepts a well-formed tariff', () => {
    const tariff = parsePortFeeTariff({ ...base, fees: [fee(), storage()] });
    expect(tariff.fees[0]).toMatchObject({ code: 'PORT_DOC', amountMinor: 45000 });
    expect(tariff.fees[1]).toMatchObject({
      code: 'PORT_STORAGE',
      freeDays: 4,
      tiers: [{ fromDay: 5 }, { fromDay: 11 }],
    });
  });

  it('refuses a storage scale that is incomplete, out of order or mixed with another basis', () => {
    const raw = {
      ...base,
      fees: [
        storage({ tiers: [{ fromDay: 6, dailyRateMinor: 1 }] }),
        storage({
          code: 'S2',
          tiers: [
            { fromDay: 5, dailyRateMinor: 1 },
            { fromDay: 5, dailyRateMinor: 2 },
          ],
        }),
        storage({ code: 'S3', unit: 'teu', amountMinor: 5, freeDays: undefined, tiers: [] }),
        fee({ code: 'D2', freeDays: 3 }),
        storage({ code: 'S4', tiers: [{ fromDay: 5, dailyRateMinor: 10.5 }] }),
      ],
    };
    expect(() => parsePortFeeTariff(raw)).toThrow(ConfigError);
    let message = '';
    try {
      parsePortFeeTariff(raw);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /fees\.0\.tiers\.0\.fromDay: the first rate must start the day after the 4 free days/,
    );
    expect(message).toMatch(/fees\.1\.tiers\.1\.fromDay: must come after day 5/);
    expect(message).toMatch(/fees\.2\.unit: unit must be one of container, tonne/);
    expect(message).toMatch(/fees\.2\.freeDays/);
    expect(message).toMatch(/fees\.2\.tiers/);
    expect(message).toMatch(/fees\.2\.amountMinor: not a field of a storage-per-day fee/);
    expect(message).toMatch(/fees\.3\.freeDays: not a field of a per-bill-of-lading fee/);
    expect(message).toMatch(/fees\.4\.tiers\.0\.dailyRateMinor: dailyRateMinor must be an integer/);
  });

  it('lists every problem at once: decimal money, unknown basis, bad currency, duplicate code, unknown field', () => {
    const raw = {
      tariffId: 'T-1',
      currency: 'cny',
      utcOffsetMinutes: 480,
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
    expect(() => parsePortFeeTariff({ tariffId: 'T-1', currency: 'CNY', utcOffsetMinutes: 480 })).toThrow(
      /fees/,
    );
    expect(() => parsePortFeeTariff({ tariffId: 'T-1', currency: 'CNY', fees: [] })).toThrow(
      /utcOffsetMinutes/,
    );
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
    expect(tariff.fees.map((f) => f.code)).toEqual(
      expect.arrayContaining(['PORT_DOC', 'PORT_THC', 'PORT_STORAGE', 'PORT_STORAGE_BULK']),
    );
  });

  it('reads PORT_FEES_FILE instead when set, and names the file when it is invalid', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'port-fees-'));
    const file = path.join(dir, 'fees.json');
    fs.writeFileSync(file, JSON.stringify({ ...base, tariffId: 'T-2', fees: [fee({ amountMinor: 1 })] }));
    process.env.PORT_FEES_FILE = file;
    expect(loadPortFeeTariff().fees[0].amountMinor).toBe(1);
    fs.writeFileSync(file, JSON.stringify({ ...base, tariffId: 'T-2', fees: [fee({ amountMinor: -1 })] }));
    expect(() => loadPortFeeTariff()).toThrow(`PORT_FEES_FILE (${file}) invalid`);
    fs.writeFileSync(file, '{ not json');
    expect(() => loadPortFeeTariff()).toThrow(/PORT_FEES_FILE .* is not valid JSON/);
    fs.rmSync(dir, { recursive: true });
  });
});
