import { Events, type EventName } from '@tongguan/contracts';
import {
  ApiClient,
  declarationBody,
  declarationLine,
  EventTap,
  eventually,
  ServiceProcesses,
  testEnvironment,
  tokenFor,
  uniqueBl,
} from '@tongguan/testing';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONSIGNEE, manifest } from './declaration.fixtures';

// The declaration service alone, on the real broker and store, on a business clock set to a date
// (CLOCK_EPOCH) and a copy of the shipped tariff in which electric cars go from 15% to 10% on
// 1 July 2026. Lodged on 30 June, then the service restarted on 1 July: the rate of each lodgement's
// customs date applies. Shipped EUR rate in force: 7.74 (from 2026-01-01).
const tariffFile = path.join(os.tmpdir(), `valuation-tariff-${process.pid}.json`);
const env = testEnvironment('declaration-valuation', { TARIFF_FILE: tariffFile });
const JUNE_30 = '2026-06-30T04:00:00Z'; // noon in Beijing
const JULY_1 = '2026-07-01T04:00:00Z';
let services: ServiceProcesses;
const tap = new EventTap(process.env.KAFKA_BROKERS!, env.TOPIC_PREFIX);
let api: ApiClient;
const importer = tokenFor('importer', CONSIGNEE);

async function startOn(epoch: string) {
  services = new ServiceProcesses({ ...env, CLOCK_EPOCH: epoch });
  await services.start(['declaration']);
  api = new ApiClient(services.url('declaration'));
}

beforeAll(async () => {
  const tariff = JSON.parse(fs.readFileSync('apps/declaration/config/tariff.json', 'utf8'));
  tariff.lines['87038000'].rates = [
    { validFrom: '2018-07-01', validTo: '2026-06-30', adValoremRate: '0.15' },
    { validFrom: '2026-07-01', adValoremRate: '0.1' },
  ];
  fs.writeFileSync(tariffFile, JSON.stringify(tariff));
  await tap.start(['port.events.v1', 'declaration.events.v1']);
  await startOn(JUNE_30);
});

afterAll(async () => {
  await services.stopAll();
  await tap.stop();
  fs.rmSync(tariffFile, { force: true });
});

const waitFor = (name: EventName, bl: string) =>
  tap.waitFor((m) => m.headers.ce_type === Events[name].type && m.key === bl, 30_000, `${name} of ${bl}`);

/** Manifest, filing right, lodgement of ordinary goods (accepted and assessed at once): the declaration. */
async function lodge(bl: string, overrides: Record<string, unknown>) {
  await manifest(tap, bl);
  const filer = api.as(importer);
  await eventually(
    async () => (await filer.get(`/v1/filing-rights/${bl}`)).body?.mayDeclare === true,
    30_000,
    `the filing right for ${bl}`,
  );
  const lodged = await filer.post('/v1/declarations', declarationBody(bl, overrides));
  expect(lodged.status).toBe(201);
  const read = await filer.get(`/v1/declarations/${lodged.body.id}`);
  expect(read.status).toBe(200);
  return read.body;
}

const electricCars = { items: [declarationLine({ hsCode: '8703800000', description: 'Electric cars' })] };

describe('valuation and the dated tariff', () => {
  it('an FOB declaration is taxed on its CIF value: declared freight and default insurance added, in the API and DutyAssessed', async () => {
    const bl = uniqueBl('VFOB');
    const declaration = await lodge(bl, { incoterm: 'FOB', freight: { amount: '1500.00', currency: 'EUR' } });
    // price EUR 40,000.00 × 7.74 = 309,600.00; freight EUR 1,500.00 = 11,610.00; insurance 0.3% of
    // 321,210.00 = 963.63; CIF 322,173.63; duty 15% = 48,326.04; VAT 13% × 370,499.67 = 48,164.96
    expect(declaration.filing).toMatchObject({
      incoterm: 'FOB',
      freight: { amount: '1500.00', currency: 'EUR' },
    });
    expect(declaration.duty.valuation).toMatchObject({
      incoterm: 'FOB',
      priceCnyMinor: 30_960_000,
      customsValueCnyMinor: 32_217_363,
      additions: [
        { cost: 'freight', basis: 'declared-amount', amountCnyMinor: 1_161_000 },
        { cost: 'insurance', basis: 'default-rate', rate: '0.003', amountCnyMinor: 96_363 },
      ],
    });
    expect(declaration.duty).toMatchObject({
      dutyMinor: 4_832_604,
      vatMinor: 4_816_496,
      totalMinor: 9_649_100,
    });
    const assessed = await waitFor('DutyAssessed', bl);
    expect(assessed.payload).toMatchObject({ currency: 'CNY', dutyMinor: 4_832_604, vatMinor: 4_816_496 });
  });

  it('a charge the Incoterm includes, or an amount finer than its currency, is a deficiency listed with the others', async () => {
    const bl = uniqueBl('VCIF');
    await manifest(tap, bl);
    const refused = await api
      .as(importer)
      .post(
        '/v1/declarations',
        declarationBody(bl, { freight: { amount: '1500.001', currency: 'EUR' }, valuationMethod: '9' }),
      );
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)).toEqual(
      expect.arrayContaining([
        'freight:CHARGE_IN_PRICE',
        'freight.amount:AMOUNT_PRECISION',
        'valuationMethod:IS_IN',
      ]),
    );
  });

  it('a tariff rate change applies by the lodgement date: 15% on 30 June, 10% on 1 July, and an amendment keeps its lodgement date', async () => {
    const juneBl = uniqueBl('VJUN');
    const june = await lodge(juneBl, electricCars);
    expect(june.duty).toMatchObject({ assessedOn: '2026-06-30', dutyMinor: 4_644_000, vatMinor: 4_628_520 });
    expect(june.duty.lines[0]).toMatchObject({ tariffCode: '87038000', adValoremRate: '0.15' });

    await services.stopAll();
    await startOn(JULY_1);
    const bl = uniqueBl('VJUL');
    const july = await lodge(bl, electricCars);
    expect(july.duty).toMatchObject({ assessedOn: '2026-07-01', dutyMinor: 3_096_000, vatMinor: 4_427_280 });
    expect(july.duty.lines[0]).toMatchObject({ ratesValidFrom: '2026-07-01', adValoremRate: '0.1' });
    expect((await waitFor('DutyAssessed', bl)).payload).toMatchObject({ dutyMinor: 3_096_000 });

    // amended on 1 July, the June declaration is still assessed at the rates of 30 June: half the cars, 15%
    const amended = await api.as(importer).post(`/v1/declarations/${june.id}/amendments`, {
      reason: 'invoice corrected: one car was not shipped',
      declaration: declarationBody(juneBl, {
        items: [
          declarationLine({
            hsCode: '8703800000',
            description: 'Electric cars',
            quantity: 1,
            customsValue: 20000,
          }),
        ],
      }),
    });
    expect(amended.status).toBe(200);
    const reread = (await api.as(importer).get(`/v1/declarations/${june.id}`)).body;
    expect(reread.version).toBe(2);
    expect(reread.duty).toMatchObject({ assessedOn: '2026-06-30', dutyMinor: 2_322_000 });
  });
});
