import { Events } from '@tongguan/contracts';
import {
  ApiClient,
  declarationBody,
  declarationLine,
  EventTap,
  eventually,
  FROZEN_FISH,
  ServiceProcesses,
  testEnvironment,
  tokenFor,
  uniqueBl,
} from '@tongguan/testing';
import { CONSIGNEE, manifest } from './declaration.fixtures';

// The declaration service alone, on the real broker and store, with the shipped tariff and code lists,
// on a business clock set to 30 June 2026 (EUR at 7.74). New Zealand fish: 10 % general, 5 % under
// RCEP (agreement 22), of which New Zealand is a partner.
const env = testEnvironment('declaration-preference', { CLOCK_EPOCH: '2026-06-30T04:00:00Z' });
const services = new ServiceProcesses(env);
const tap = new EventTap(process.env.KAFKA_BROKERS!, env.TOPIC_PREFIX);
let api: ApiClient;
const importer = tokenFor('importer', CONSIGNEE);
const CERTIFICATE = { code: 'Y', number: 'RCEP-NZ-2026-000731' };
const nzFish = (overrides: Record<string, unknown> = {}) => ({
  ...FROZEN_FISH,
  originCountry: 'NZ',
  preference: '22',
  ...overrides,
});

beforeAll(async () => {
  await tap.start(['port.events.v1', 'declaration.events.v1']);
  await services.start(['declaration']);
  api = new ApiClient(services.url('declaration'));
});

afterAll(async () => {
  await services.stopAll();
  await tap.stop();
});

async function declarable(bl: string) {
  await manifest(tap, bl);
  await eventually(
    async () => (await api.as(importer).get(`/v1/filing-rights/${bl}`)).body?.mayDeclare === true,
    30_000,
    `the filing right for ${bl}`,
  );
}

describe('preferential rates and duty regimes', () => {
  it('a line claiming RCEP with its certificate of origin is taxed at the agreement rate, in the API and DutyAssessed', async () => {
    const bl = uniqueBl('PRCP');
    await declarable(bl);
    const fish = nzFish({ documents: [...FROZEN_FISH.documents, CERTIFICATE] });
    const lodged = await api.as(importer).post('/v1/declarations', declarationBody(bl, { items: [fish] }));
    expect(lodged.status).toBe(201);

    // EUR 40,000.00 × 7.74 = 309,600.00; RCEP 5 % = 15,480.00 (10 % general would be 30,960.00);
    // VAT 9 % × 325,080.00 = 29,257.20
    const { duty } = (await api.as(importer).get(`/v1/declarations/${lodged.body.id}`)).body;
    expect(duty).toMatchObject({ dutyMinor: 1_548_000, vatMinor: 2_925_720, totalMinor: 4_473_720 });
    expect(duty.lines[0]).toMatchObject({
      adValoremRate: '0.05',
      basis: {
        rate: 'agreement',
        agreement: { code: '22', certificate: 'RCEP-NZ-2026-000731' },
        regime: { code: '1', dutyShare: '1', vatLevied: true },
      },
    });
    expect(duty.lines[0].basis.explanation).toMatch(/^agreement 22 \(Regional Comprehensive .*\) rate 0\.05/);

    const assessed = await tap.waitFor(
      (m) => m.headers.ce_type === Events.DutyAssessed.type && m.key === bl,
      30_000,
      `DutyAssessed of ${bl}`,
    );
    expect(assessed.payload).toMatchObject({ currency: 'CNY', dutyMinor: 1_548_000, vatMinor: 2_925_720 });
  });

  it('a preference without its certificate and an exemption without its approval are deficiencies listed with the others', async () => {
    const bl = uniqueBl('PREF');
    await declarable(bl);
    const body = declarationBody(bl, {
      items: [nzFish(), declarationLine({ dutyRegime: '3' })],
      valuationMethod: '9',
    });
    const refused = await api.as(importer).post('/v1/declarations', body);
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)).toEqual(
      expect.arrayContaining([
        'items.0.documents:PREFERENCE_CERTIFICATE_MISSING',
        'items.1.documents:DUTY_REGIME_APPROVAL_MISSING',
        'valuationMethod:IS_IN',
      ]),
    );
  });
});
