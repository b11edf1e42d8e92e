import type { HttpException } from '@nestjs/common';
import { crossFieldProblems } from '../declarations/declaration-rules';
import { FilingValidator } from '../declarations/filing-validator';
import type { DeclarationItemDto, LodgeDeclarationDto } from '../declarations/lodge-declaration.dto';
import type { DutyData } from './duty-calculator';
import { loadExchangeRates } from './exchange-rates';
import { loadTariff } from './tariff';
import { VALUATION } from './valuation-settings';

// The filing rules that depend on the duty data, run against the shipped tariff, rate table and
// valuation settings.
const data: DutyData = { tariff: loadTariff(), rates: loadExchangeRates(), valuation: VALUATION };
const MARCH = new Date('2026-03-02T02:00:00Z');

function item(overrides: Partial<DeclarationItemDto>): DeclarationItemDto {
  return {
    hsCode: '870323',
    description: 'Passenger car, petrol engine 1.5-3.0 l',
    originCountry: 'DE',
    quantity: 2,
    unit: 'NAR',
    legalQuantity: { quantity: 2, unit: 'NAR' },
    netWeightKg: 2900,
    packages: { count: 2, type: 'NE' },
    dutyRegime: '1',
    customsValue: 40000,
    ...overrides,
  };
}

function filing(items: DeclarationItemDto[], currency = 'EUR'): Partial<LodgeDeclarationDto> {
  return {
    currency,
    incoterm: 'CIF',
    grossWeightKg: 1e6,
    items,
    consignor: { name: 'ACME GMBH', country: 'DE' },
  };
}

const found = (dto: Partial<LodgeDeclarationDto>, at = MARCH) =>
  crossFieldProblems(dto, data, at).map((p) => `${p.path}:${p.code}`);

describe('filing rules on duty data', () => {
  it('asks no unit of an export line: the specific duty is an import duty', () => {
    const wings = item({
      hsCode: '020714',
      description: 'Frozen chicken wings',
      unit: 'NAR',
      quantity: 9000,
    });
    expect(found({ ...filing([wings]), direction: 'export' })).toEqual([]);
  });

  it('a specific duty needs the quantity in its unit: chicken declared in pieces is a deficiency', () => {
    const problems = crossFieldProblems(
      filing([item({ hsCode: '020714', description: 'Frozen chicken wings', unit: 'NAR', quantity: 9000 })]),
      data,
      MARCH,
    );
    expect(problems).toEqual([
      {
        path: 'items.0.unit',
        code: 'UNIT_MISMATCH',
        message: 'tariff line 0207 carries a specific duty per KGM: declare the quantity in KGM, not NAR',
      },
    ]);
  });

  it('reports the unit mismatch together with every other deficiency, line by line', () => {
    const dto = filing(
      [
        item({}), // a car in NAR: ad valorem, any unit will do
        item({ hsCode: '220421', description: 'Red wine', unit: 'KGM', quantity: 900 }),
        item({ hsCode: '220300', description: 'Beer', unit: 'LTR', quantity: 5000 }),
        item({ hsCode: '999999', description: 'Unknown goods', originCountry: 'XY' }),
        item({ hsCode: '020714', description: 'Chicken', unit: 'BOX' }), // not a unit at all: the DTO says so
      ],
      'EUR',
    );
    expect(found(dto)).toEqual([
      'items.1.unit:UNIT_MISMATCH',
      'items.3.hsCode:HS_CODE_UNKNOWN',
      'items.3.originCountry:COUNTRY_UNKNOWN',
    ]);
  });

  it('a currency with no rate in force on the assessment date is a deficiency', () => {
    // the shipped table starts EUR on 2025-11-01 (customs date, UTC+8)
    expect(found(filing([item({})]), new Date('2025-10-31T15:59:59Z'))).toEqual([
      'currency:CURRENCY_NO_RATE',
    ]);
    expect(found(filing([item({})]), new Date('2025-10-31T16:00:00Z'))).toEqual([]);
    expect(crossFieldProblems(filing([item({})], 'CHF'), data, MARCH)).toEqual([
      {
        path: 'currency',
        code: 'CURRENCY_NO_RATE',
        message: 'no customs exchange rate for CHF in force on 2026-03-02',
      },
    ]);
  });

  it('the filing validator answers one 422 with the unit mismatch among the field errors', async () => {
    const raw = {
      ...filing([item({ hsCode: '020714', description: 'Chicken', unit: 'NAR', quantity: 9000 })]),
      blNumber: 'COSU6182736450',
      incoterm: 'FOB2',
      tradeMode: '0111',
    };
    const refusal = await new FilingValidator().validate(raw, async () => false, MARCH).catch((e) => e);
    expect((refusal as HttpException).getStatus()).toBe(422);
    const errors = (refusal as HttpException).getResponse() as { errors: { path: string; code: string }[] };
    expect(errors.errors.map((e) => `${e.path}:${e.code}`)).toEqual(
      expect.arrayContaining([
        'incoterm:IS_IN',
        'voyage:IS_STRING',
        'items.0.unit:UNIT_MISMATCH',
        'tradeMode:TRADE_MODE_UNKNOWN',
      ]),
    );
  });

  it('an unknown trade mode is one more deficiency; a filing without one is general trade', () => {
    expect(found({ ...filing([item({})]), tradeMode: '9999' })).toEqual(['tradeMode:TRADE_MODE_UNKNOWN']);
    expect(found({ ...filing([item({})]), tradeMode: '0615' })).toEqual([]);
  });

  it('the tariff applies by date: a line with no rate in force on the customs date is a deficiency', () => {
    // the shipped tariff has cars from 2006-07-01: 25% until 2018-06-30, 15% since
    expect(found(filing([item({})], 'CNY'), new Date('2006-06-30T15:59:59Z'))).toEqual([
      'items.0.hsCode:TARIFF_NO_RATE',
    ]);
    expect(found(filing([item({})], 'CNY'), new Date('2006-06-30T16:00:00Z'))).toEqual([]);
  });

  it('valuation: a charge the Incoterm already includes, an incomplete or ambiguous one, an amount finer than its currency', () => {
    const dto: Partial<LodgeDeclarationDto> = {
      ...filing([item({ customsValue: 40000.5 })], 'JPY'),
      incoterm: 'CFR',
      freight: { amount: '1000.00', currency: 'USD' },
      insurance: { amount: '12.5', currency: 'JPY', ratePercent: '0.3' },
      loadingCosts: { amount: '10' },
    };
    expect(found(dto).sort()).toEqual(
      [
        'freight:CHARGE_IN_PRICE',
        'insurance:CHARGE_AMBIGUOUS',
        'insurance.amount:AMOUNT_PRECISION',
        'items.0.customsValue:AMOUNT_PRECISION',
        'loadingCosts.currency:CHARGE_INCOMPLETE',
        'loadingCosts:CHARGE_IN_PRICE',
      ].sort(),
    );
    const fob = { ...filing([item({})], 'USD'), incoterm: 'FOB' };
    expect(found({ ...fob, freight: { amount: '1000.00', currency: 'XAU' } })).toEqual([
      'freight.currency:CURRENCY_UNKNOWN',
    ]);
    expect(found({ ...fob, freight: {} })).toEqual(['freight:CHARGE_INCOMPLETE']);
    expect(
      found({ ...fob, freight: { amount: '1000.00', currency: 'EUR' }, insurance: { ratePercent: '0.3' } }),
    ).toEqual([]);
  });

  it('valuation of an export: freight and insurance are declared to be deducted where the price holds them, and must leave an FOB value', () => {
    const exported = (incoterm: string, charges: Partial<LodgeDeclarationDto>) =>
      found({ ...filing([item({})], 'USD'), direction: 'export', incoterm, ...charges }).sort();
    const usd = (amount: string) => ({ amount, currency: 'USD' });
    expect(exported('CIF', { freight: usd('1000.00'), insurance: { ratePercent: '0.3' } })).toEqual([]);
    expect(exported('FOB', { freight: usd('1000.00'), loadingCosts: { ratePercent: '1' } })).toEqual([
      'freight:CHARGE_NOT_IN_PRICE',
      'loadingCosts:CHARGE_IN_PRICE',
    ]);
    // the price is USD 40,000.00: a freight of as much leaves nothing free on board
    expect(exported('CIF', { freight: usd('40000.00') })).toEqual(['freight:CHARGES_EXCEED_PRICE']);
    // costs at the destination: an export's D term price holds them, no other
    expect(exported('DDP', { destinationCosts: { ratePercent: '2' } })).toEqual([]);
    expect(exported('CIF', { destinationCosts: usd('100.00') })).toEqual([
      'destinationCosts:CHARGE_NOT_IN_PRICE',
    ]);
    expect(found({ ...filing([item({})], 'USD'), incoterm: 'DDP', destinationCosts: usd('100.00') })).toEqual(
      ['destinationCosts:CHARGE_NOT_IN_PRICE'],
    );
  });
});
