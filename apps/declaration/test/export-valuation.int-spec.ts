import { Events } from '@tongguan/contracts';
import {
  ApiClient,
  declarationBody,
  declarationLine,
  EventTap,
  ServiceProcesses,
  testEnvironment,
  tokenFor,
  uniqueBl,
} from '@tongguan/testing';

// The declaration service alone, on the real broker and store, on a business clock set to 2 March 2026
// (shipped USD rate 7.12 from 2026-01-01; ferro-silicon 72022100 at 25 % export duty). An export is
// lodged before its goods reach the port: no manifest.
const env = testEnvironment('declaration-export-valuation', { CLOCK_EPOCH: '2026-03-02T04:00:00Z' });
const services = new ServiceProcesses(env);
const tap = new EventTap(process.env.KAFKA_BROKERS!, env.TOPIC_PREFIX);
let api: ApiClient;
const EXPORTER = {
  name: 'BAOTOU ALLOYS CO',
  socialCreditCode: '91150200MA0EXPT034',
  customsCode: '1502160003',
};
const exporter = tokenFor('exporter', 'EXPORTER-ALLOYS');

beforeAll(async () => {
  await tap.start(['declaration.events.v1']);
  await services.start(['declaration']);
  api = new ApiClient(services.url('declaration'));
});

afterAll(async () => {
  await services.stopAll();
  await tap.stop();
});

/** Ferro-silicon sold CIF Rotterdam for USD 10,000.00 with the freight on the invoice. */
function cifExport(bl: string, charges: Record<string, unknown>) {
  return declarationBody(bl, {
    direction: 'export',
    trader: EXPORTER,
    consignor: { name: EXPORTER.name, country: 'CN', socialCreditCode: EXPORTER.socialCreditCode },
    consignee: { name: 'ROTTERDAM METALS BV', country: 'NL' },
    portOfLoading: 'CNSZX',
    portOfDischarge: 'NLRTM',
    currency: 'USD',
    ...charges,
    items: [
      declarationLine({
        hsCode: '7202210000',
        description: 'Ferro-silicon, over 55 % silicon',
        originCountry: 'CN',
        unit: 'KGM',
        quantity: 20000,
        legalQuantity: { quantity: 20000, unit: 'KGM' },
        secondLegalQuantity: undefined,
        netWeightKg: 20000,
        documents: [],
        customsValue: 10000,
      }),
    ],
    grossWeightKg: 20500,
  });
}

describe('export valuation', () => {
  it('a CIF export is taxed on its FOB value: freight and insurance after loading and the duty it holds deducted, in the API and DutyAssessed', async () => {
    const bl = uniqueBl('XCIF');
    const lodged = await api
      .as(exporter)
      .post(
        '/v1/declarations',
        cifExport(bl, { incoterm: 'CIF', freight: { amount: '500.00', currency: 'USD' } }),
      );
    expect(lodged.status).toBe(201);
    // USD 10,000.00 × 7.12 = 71,200.00 CIF; insurance 0.3 % of cost and freight it holds:
    // 71,200.00 × 0.003 / 1.003 = 212.96; freight USD 500.00 = 3,560.00; FOB 67,427.04;
    // less the 25 % export duty it holds: 67,427.04 / 1.25 = 53,941.63; duty 13,485.41 (13,485.4075)
    const read = await api.as(exporter).get(`/v1/declarations/${lodged.body.id}`);
    const { valuation } = read.body.duty;
    expect(valuation).toMatchObject({
      incoterm: 'CIF',
      group: 'C',
      priceCnyMinor: 7_120_000,
      additions: [],
      fobValueCnyMinor: 6_742_704,
      customsValueCnyMinor: 5_394_163,
    });
    const deductions = valuation.deductions.map((d: Record<string, unknown>) => [
      d.cost,
      d.basis,
      d.amountCnyMinor,
    ]);
    expect(deductions).toEqual([
      ['insurance', 'default-rate', 21_296],
      ['freight', 'declared-amount', 356_000],
      ['export-duty', 'tariff-rate', 1_348_541],
    ]);
    expect(read.body.duty).toMatchObject({ dutyMinor: 1_348_541, vatMinor: 0, totalMinor: 1_348_541 });
    const assessed = await tap.waitFor(
      (m) => m.headers.ce_type === Events.DutyAssessed.type && m.key === bl,
      30_000,
      `DutyAssessed of ${bl}`,
    );
    expect(assessed.payload).toMatchObject({ currency: 'CNY', dutyMinor: 1_348_541, vatMinor: 0 });
  });

  it('an export declaring freight its FOB price does not hold, or more than its price, is told so', async () => {
    const refused = async (incoterm: string, freight: string) => {
      const body = cifExport(uniqueBl('XREF'), { incoterm, freight: { amount: freight, currency: 'USD' } });
      const answer = await api.as(exporter).post('/v1/declarations', body);
      expect(answer.status).toBe(422);
      return answer.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`);
    };
    expect(await refused('FOB', '500.00')).toEqual(['freight:CHARGE_NOT_IN_PRICE']);
    expect(await refused('CFR', '10000.00')).toEqual(['freight:CHARGES_EXCEED_PRICE']);
  });
});
