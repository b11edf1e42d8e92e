import { parsePortFeeTariff } from './port-fee-tariff';
import { FeeCurrencyMismatchError, portFeeLines, type ShipmentFeeFacts } from './port-fees';

const perBl = [
  { code: 'PORT_DOC', description: 'Document fee', basis: 'per-bill-of-lading', amountMinor: 45000 },
  {
    code: 'PORT_THC',
    description: 'Terminal handling charge',
    basis: 'per-bill-of-lading',
    amountMinor: 98000,
  },
];
const storage = [
  {
    code: 'PORT_STORAGE',
    description: 'Container storage',
    basis: 'storage-per-day',
    unit: 'container',
    freeDays: 4,
    tiers: [
      { fromDay: 5, dailyRateMinor: 6000 },
      { fromDay: 11, dailyRateMinor: 12000 },
    ],
  },
  {
    code: 'PORT_STORAGE_BULK',
    description: 'Break-bulk storage',
    basis: 'storage-per-day',
    unit: 'tonne',
    freeDays: 4,
    tiers: [{ fromDay: 5, dailyRateMinor: 300 }],
  },
];
const tariff = (fees: object[] = [...perBl, ...storage]) =>
  parsePortFeeTariff({ tariffId: 'T-1', currency: 'CNY', utcOffsetMinutes: 480, fees });

const shipment = (overrides: Partial<ShipmentFeeFacts> = {}): ShipmentFeeFacts => ({
  shipmentId: 'COSU6182736450',
  currency: 'CNY',
  cargo: null,
  asOf: new Date('2026-03-10T12:00:00+08:00'),
  ...overrides,
});
const containers = (count: number, dischargedAt = '2026-03-02T10:00:00+08:00') => ({
  dischargedAt: new Date(dischargedAt),
  containerCount: count,
  grossWeightKg: 20_000,
});

describe('portFeeLines', () => {
  it('charges every per-bill-of-lading fee once and no storage before the cargo is discharged', () => {
    expect(portFeeLines(tariff(), shipment())).toEqual([
      { code: 'PORT_DOC', description: 'Document fee', amountMinor: 45000 },
      { code: 'PORT_THC', description: 'Terminal handling charge', amountMinor: 98000 },
    ]);
  });

  it('adds container storage per container for the days after the free period, as of the given day', () => {
    // discharged 2 March, counted on 10 March: day 9, days 5-9 chargeable, two containers
    const lines = portFeeLines(tariff(), shipment({ cargo: containers(2) }));
    expect(lines.map((l) => l.code)).toEqual(['PORT_DOC', 'PORT_THC', 'PORT_STORAGE']);
    expect(lines[2]).toEqual({
      code: 'PORT_STORAGE',
      description: 'Container storage: day 9, 5 chargeable after 4 free, 2 containers',
      amountMinor: 5 * 6000 * 2,
    });
  });

  it('shows storage at 0 during the free days, so the importer sees it accruing', () => {
    const lines = portFeeLines(
      tariff(),
      shipment({ cargo: containers(1), asOf: new Date('2026-03-05T23:00:00+08:00') }),
    );
    expect(lines[2]).toMatchObject({ code: 'PORT_STORAGE', amountMinor: 0 });
    expect(lines[2].description).toMatch(/day 4, 0 chargeable after 4 free, 1 container$/);
  });

  it('charges break-bulk cargo per started tonne, and containerised cargo never twice', () => {
    const bulk = {
      dischargedAt: new Date('2026-03-02T10:00:00+08:00'),
      containerCount: 0,
      grossWeightKg: 12_500,
    };
    const lines = portFeeLines(tariff(), shipment({ cargo: bulk }));
    expect(lines.map((l) => [l.code, l.amountMinor])).toEqual([
      ['PORT_DOC', 45000],
      ['PORT_THC', 98000],
      ['PORT_STORAGE_BULK', 5 * 300 * 13],
    ]);
  });

  it('keeps amounts in integer fen', () => {
    const lines = portFeeLines(tariff(), shipment({ cargo: containers(3, '2026-01-01T00:00:00+08:00') }));
    expect(lines.every((l) => Number.isSafeInteger(l.amountMinor))).toBe(true);
  });

  it('charges nothing when the tariff has no fees', () => {
    expect(portFeeLines(tariff([]), shipment({ cargo: containers(2) }))).toEqual([]);
  });

  it('refuses to add fees in another currency than the payment', () => {
    expect(() => portFeeLines(tariff(), shipment({ currency: 'USD' }))).toThrow(FeeCurrencyMismatchError);
    expect(() => portFeeLines(tariff(), shipment({ currency: 'USD' }))).toThrow(/tariffed in CNY .* in USD/);
  });
});
