import { parsePortFeeTariff } from '../fees/port-fee-tariff';
import { quotePayment } from './payment-quote';

const tariff = parsePortFeeTariff({
  tariffId: 'T-1',
  currency: 'CNY',
  utcOffsetMinutes: 480,
  fees: [
    {
      code: 'PORT_THC',
      description: 'Terminal handling charge',
      basis: 'per-bill-of-lading',
      amountMinor: 980_00,
    },
    {
      code: 'PORT_STORAGE',
      description: 'Container storage',
      basis: 'storage-per-day',
      unit: 'container',
      freeDays: 4,
      tiers: [{ fromDay: 5, dailyRateMinor: 60_00 }],
    },
  ],
});
const payment = {
  shipmentId: 'COSU6182736450',
  currency: 'CNY',
  duty: { dutyMinor: 100_00, vatMinor: 200_00, totalMinor: 300_00 },
};
const cargo = {
  dischargedAt: new Date('2026-03-02T10:00:00+08:00'),
  containerCount: 1,
  grossWeightKg: 9_000,
};

describe('quotePayment', () => {
  it('quotes duty, taxes and handling with no storage before the discharge', () => {
    const asOf = new Date('2026-03-10T12:00:00+08:00');
    const quote = quotePayment(tariff, payment, null, asOf);
    expect(quote).toMatchObject({
      dutiesAndTaxesMinor: 300_00,
      portFeesMinor: 980_00,
      totalMinor: 1_280_00,
      asOf,
    });
    expect(quote.storage).toBeUndefined();
  });

  it('grows by the daily rate from the first day after the free period, and says how many days', () => {
    const on = (iso: string) => quotePayment(tariff, payment, cargo, new Date(iso));
    expect(on('2026-03-05T23:59:59+08:00')).toMatchObject({
      totalMinor: 1_280_00,
      storage: { storageDays: 4 },
    });
    expect(on('2026-03-06T00:00:00+08:00')).toMatchObject({
      totalMinor: 1_340_00,
      storage: { storageDays: 5 },
    });
    expect(on('2026-03-10T12:00:00+08:00')).toMatchObject({
      portFeesMinor: 980_00 + 5 * 60_00,
      totalMinor: 1_280_00 + 5 * 60_00,
      storage: { dischargedAt: cargo.dischargedAt, storageDays: 9 },
    });
  });
});

describe('quotePayment of a difference', () => {
  it('bills a later request of the declaration its duties and taxes only: the port fees were paid once', () => {
    const cargo = {
      dischargedAt: new Date('2026-03-02T10:00:00+08:00'),
      containerCount: 1,
      grossWeightKg: 9,
    };
    const quote = quotePayment(
      tariff,
      { ...payment, sequence: 2 },
      cargo,
      new Date('2026-03-10T12:00:00+08:00'),
    );
    expect(quote).toMatchObject({ dutiesAndTaxesMinor: 300_00, portFeesMinor: 0, totalMinor: 300_00 });
    expect(quote.lines.map((l) => l.code)).toEqual(['CUSTOMS_DUTY', 'IMPORT_VAT']);
    expect(quote.storage).toBeUndefined();
  });
});
