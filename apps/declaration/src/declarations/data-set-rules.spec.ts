import type { HttpException } from '@nestjs/common';
import { declarationBody, declarationLine, FROZEN_FISH, MEDICAMENT, RIFLE } from '@tongguan/testing';
import { dataSetProblems } from './data-set-rules';
import { FilingValidator } from './filing-validator';
import type { LodgeDeclarationDto } from './lodge-declaration.dto';

const MARCH = new Date('2026-03-02T02:00:00Z');
const BL = 'COSU6182736450';
const found = (body: unknown, direction: 'import' | 'export' = 'import') =>
  dataSetProblems(body as Partial<LodgeDeclarationDto>, direction).map((p) => `${p.path}:${p.code}`);

describe('the declaration data set', () => {
  it("a broker's complete filing of cars, rifles, medicaments and fish passes every rule", async () => {
    const body = declarationBody(BL, {
      items: [declarationLine(), RIFLE, MEDICAMENT, FROZEN_FISH],
      grossWeightKg: 4500,
    });
    expect(found(body)).toEqual([]);
    const filing = await new FilingValidator().validate(body, async () => false, MARCH);
    expect(filing.trader.socialCreditCode).toBe('91440300MA5TRAD01A');
    expect(filing.containers?.[0]).toMatchObject({ number: 'CSQU3054383', itemNumbers: [1, 2, 3, 4] });
    expect(filing.totalPackages).toBe(8);
  });

  it('lists every deficiency of parties, transport, containers, packages and lines at once', () => {
    const body = declarationBody(BL, {
      consignee: { name: 'SHENZHEN TRADING CO', country: 'CN' },
      meansNationality: 'XY',
      portOfDischarge: 'CNSHA',
      invoice: { number: 'INV-1', currency: 'ABC', amount: 40000 },
      containers: [
        { number: 'CSQU3054383', sizeType: '45G1', itemNumbers: [1, 4] },
        { number: 'CSQU3054383', sizeType: '22G1', itemNumbers: [1] },
      ],
      totalPackages: 5,
      items: [
        declarationLine({ preference: '17', documents: [{ code: 'O', number: 'X-1' }] }),
        {
          ...MEDICAMENT,
          legalQuantity: { quantity: 150, unit: 'KGM' },
          secondLegalQuantity: { quantity: 1, unit: 'NAR' },
        },
        { ...RIFLE, legalQuantity: { quantity: 4, unit: 'KGM' }, secondLegalQuantity: undefined },
      ],
    });
    expect(found(body)).toEqual([
      'consignee.socialCreditCode:PARTY_ID_MISSING',
      'meansNationality:COUNTRY_UNKNOWN',
      'goodsLocation:GOODS_LOCATION_PORT',
      'invoice.currency:CURRENCY_UNKNOWN',
      'containers.0.itemNumbers.1:CONTAINER_ITEM_UNKNOWN',
      'containers.1.number:CONTAINER_DUPLICATE',
      'items.1:ITEM_NOT_IN_CONTAINER',
      'items.2:ITEM_NOT_IN_CONTAINER',
      'totalPackages:PACKAGES_INCONSISTENT',
      'items.0.preference:PREFERENCE_ORIGIN_MISMATCH',
      'items.0.documents:DOCUMENT_MISSING',
      'items.1.legalQuantity.quantity:LEGAL_QUANTITY_WEIGHT',
      'items.1.secondLegalQuantity:SECOND_LEGAL_QUANTITY_NOT_TAKEN',
      'items.2.legalQuantity.quantity:LEGAL_QUANTITY_WEIGHT',
      'items.2.legalQuantity.unit:LEGAL_UNIT_MISMATCH',
      'items.2.secondLegalQuantity:SECOND_LEGAL_QUANTITY_MISSING',
    ]);
    const messages = dataSetProblems(body as Partial<LodgeDeclarationDto>).map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'CNSZXYTN lies at CNSZX, which is neither the port of loading nor of discharge',
        'agreement 17 covers goods of CH, not of DE',
        'commodity 8703239000 requires document A (Inbound inspection and quarantine) on import',
        "the items' packages add up to 6, not 5",
      ]),
    );
  });

  it('bulk cargo declares no containers; a line with a preference of its origin is fine', () => {
    const body = declarationBody(BL, {
      containers: undefined,
      items: [{ ...FROZEN_FISH, originCountry: 'NZ', preference: '10' }],
    });
    expect(found(body)).toEqual([]);
  });

  it('on export, the documents the commodity needs leaving the country are required instead', () => {
    const body = declarationBody(BL, { items: [FROZEN_FISH] });
    expect(found(body, 'export')).toEqual(['items.0.documents:DOCUMENT_MISSING']);
  });

  it('the filing validator answers one 422 with field and data-set deficiencies together', async () => {
    const body = declarationBody(BL, {
      declarationType: 'urgent',
      trader: { name: 'SHENZHEN TRADING CO', socialCreditCode: '91440300MA5TRAD01B', customsCode: '44031' },
      transportMode: '1',
      containers: [{ number: 'CSQU3054384', sizeType: '45G9', itemNumbers: [1] }],
      previousDocuments: [],
      items: [
        declarationLine({
          hsCode: '870323',
          dutyRegime: '0',
          packages: { count: 2, type: 'XX' },
          documents: [],
        }),
      ],
    });
    const refusal = (await new FilingValidator()
      .validate(body, async () => false, MARCH)
      .catch((e) => e)) as HttpException;
    expect(refusal.getStatus()).toBe(422);
    const { errors } = refusal.getResponse() as { errors: { path: string; code: string; message: string }[] };
    expect(errors.map((e) => `${e.path}:${e.code}`).sort()).toEqual(
      [
        'declarationType:IS_IN',
        'trader.socialCreditCode:IS_SOCIAL_CREDIT_CODE',
        'trader.customsCode:MATCHES',
        'transportMode:IS_IN',
        'containers.0.number:CONTAINER_NUMBER',
        'containers.0.sizeType:IS_IN',
        'previousDocuments:ARRAY_MIN_SIZE',
        'items.0.hsCode:MATCHES',
        'items.0.dutyRegime:IS_IN',
        'items.0.packages.type:IS_IN',
      ].sort(),
    );
    expect(errors.find((e) => e.path === 'trader.socialCreditCode')?.message).toBe(
      '91440300MA5TRAD01B: check character is B but the first 17 give A (91440300MA5TRAD01A)',
    );
  });
});
