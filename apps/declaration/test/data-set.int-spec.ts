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

// The declaration service alone, lodging the data set of a broker's form and reading it back.
const env = testEnvironment('declaration-data-set');
const services = new ServiceProcesses(env);
const tap = new EventTap(process.env.KAFKA_BROKERS!, env.TOPIC_PREFIX);
let api: ApiClient;
const importer = tokenFor('importer', CONSIGNEE);

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

describe("the declaration's data set", () => {
  it('a full declaration is stored as lodged and read back whole', async () => {
    const bl = uniqueBl('DSET');
    await declarable(bl);
    // cars and New Zealand fish under the China-New Zealand FTA, in two containers
    const fish = {
      ...FROZEN_FISH,
      originCountry: 'NZ',
      preference: '10',
      // the certificate of origin backs the claim
      documents: [...FROZEN_FISH.documents, { code: 'Y', number: 'NZ-COO-2026-0042' }],
    };
    const body = declarationBody(bl, {
      declarationType: 'advance',
      items: [declarationLine(), fish],
      containers: [
        { number: 'CSQU3054383', sizeType: '45G1', itemNumbers: [1] },
        { number: 'csqu 305407 0', sizeType: '22R1', itemNumbers: [2] },
      ],
      previousDocuments: [
        { type: '705', reference: bl },
        { type: '785', reference: `MAN-${bl}` },
      ],
    });
    const lodged = await api.as(importer).post('/v1/declarations', body);
    expect(lodged.status).toBe(201);

    const read = await api.as(importer).get(`/v1/declarations/${lodged.body.id}`);
    expect(read.status).toBe(200);
    const expected = JSON.parse(JSON.stringify(body)) as typeof body;
    expected.containers[1].number = 'CSQU3054070'; // printed with spaces, stored as ISO 6346 writes it
    expect(read.body.filing).toEqual({ ...expected, tradeMode: '0110' });
    expect(read.body.filing.items[1]).toMatchObject({
      hsCode: '0303899000',
      preference: '10',
      legalQuantity: { quantity: 1400, unit: 'KGM' },
      packages: { count: 2, type: 'CT' },
      documents: [
        { code: 'A', number: '440300126000002' },
        { code: 'Y', number: 'NZ-COO-2026-0042' },
      ],
      dutyRegime: '1',
    });
  });

  it('a deficient declaration gets one 422 naming every problem of every part of the data set', async () => {
    const bl = uniqueBl('DSEF');
    await declarable(bl);
    const body = declarationBody(bl, {
      declarationType: 'urgent',
      trader: {
        name: 'SHENZHEN TRADING CO',
        socialCreditCode: '91440300MA5TRAD01B',
        customsCode: '4403160001',
      },
      consignee: { name: 'SHENZHEN TRADING CO', country: 'CN' },
      transportMode: '2',
      meansNationality: 'XY',
      containers: [{ number: 'CSQU3054384', sizeType: '45G1', itemNumbers: [1, 2] }],
      goodsLocation: 'CNSHAYSH',
      invoice: { number: 'INV-1', currency: 'EUR', amount: 0 },
      totalPackages: 3,
      items: [
        declarationLine({ documents: [{ code: 'O', number: '26-4403-000123' }], preference: '17' }),
        { ...FROZEN_FISH, hsCode: '030389', secondLegalQuantity: { quantity: 1400, unit: 'KGM' } },
      ],
    });
    const answer = await api.as(importer).post('/v1/declarations', body);
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('DECLARATION.DEFICIENT');
    const found = answer.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`);
    expect(found.sort()).toEqual(
      [
        'declarationType:IS_IN',
        'trader.socialCreditCode:IS_SOCIAL_CREDIT_CODE',
        'consignee.socialCreditCode:PARTY_ID_MISSING',
        'meansNationality:COUNTRY_UNKNOWN',
        'containers.0.number:CONTAINER_NUMBER',
        'goodsLocation:IS_IN',
        'invoice.amount:MIN',
        'totalPackages:PACKAGES_INCONSISTENT',
        'items.0.preference:PREFERENCE_ORIGIN_MISMATCH',
        'items.0.documents:DOCUMENT_MISSING',
        'items.1.hsCode:MATCHES',
      ].sort(),
    );
  });

  it('the OpenAPI document describes the data set with the code lists and patterns the validator uses', async () => {
    const { components } = (await api.get('/openapi.json')).body as {
      components: { schemas: Record<string, { properties: Record<string, any>; required?: string[] }> };
    };
    const lodge = components.schemas.LodgeDeclarationDto;
    expect(lodge.properties.declarationType.enum).toEqual([
      'ordinary',
      'advance',
      'two-step-summary',
      'two-step-complete',
    ]);
    expect(lodge.properties.transportMode.enum).toContain('2');
    expect(lodge.properties.goodsLocation.enum).toContain('CNSZXYTN');
    expect(lodge.required).toEqual(
      expect.arrayContaining([
        'declarationType',
        'declarant',
        'trader',
        'transportMode',
        'meansNationality',
        'goodsLocation',
        'previousDocuments',
        'invoice',
      ]),
    );
    const item = components.schemas.DeclarationItemDto;
    expect(item.properties.hsCode.pattern).toBe('^\\d{10}$');
    expect(item.properties.dutyRegime.enum).toContain('1');
    expect(item.required).toEqual(expect.arrayContaining(['legalQuantity', 'packages', 'dutyRegime']));
    expect(components.schemas.RegisteredPartyDto.properties.socialCreditCode.pattern).toBeDefined();
  });
});
