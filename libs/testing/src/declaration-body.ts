/**
 * Declarations as the app and end-to-end tests lodge them (scripts/demo-shipment.js, plain JS, keeps
 * its own): the data set of a broker's form, valid against apps/declaration/config's code lists.
 * Tests override what they are about.
 */

/** The importer (境内收发货人) and the broker lodging for it (申报单位), registered with customs. */
export const TRADER = {
  name: 'SHENZHEN TRADING CO',
  socialCreditCode: '91440300MA5TRAD01A',
  customsCode: '4403160001',
};
export const DECLARANT = {
  name: 'SHENZHEN HARBOUR CUSTOMS BROKERS',
  socialCreditCode: '91440300MA5BRKR07B',
  customsCode: '4403980007',
};

/** One line of a declaration: two passenger cars (counted in vehicles, then kilograms). */
export function declarationLine(overrides: Record<string, unknown> = {}) {
  return {
    hsCode: '8703239000',
    description: 'Passenger car, petrol engine 1.5-3.0 l',
    originCountry: 'DE',
    quantity: 2,
    unit: 'NAR',
    legalQuantity: { quantity: 2, unit: 'NAR' },
    secondLegalQuantity: { quantity: 1400, unit: 'KGM' },
    // light enough that two lines stay within the declaration's gross weight
    netWeightKg: 1400,
    packages: { count: 2, type: 'NE' },
    // automatic import licence (mechanical and electrical products) and inbound inspection
    documents: [
      { code: 'O', number: '26-4403-000123' },
      { code: 'A', number: '440300126000001' },
    ],
    dutyRegime: '1',
    customsValue: 40000,
    ...overrides,
  };
}

/** Controlled goods: a sporting rifle (licence, officer's acceptance review) and a medicament (registration check). */
export const RIFLE = declarationLine({
  hsCode: '9303200000',
  description: 'Sporting rifles',
  quantity: 4,
  legalQuantity: { quantity: 4, unit: 'NAR' },
  documents: [{ code: '1', number: '26-JZ-000042' }],
  customsValue: 8000,
});
export const MEDICAMENT = declarationLine({
  hsCode: '3004909000',
  description: 'Medicaments in measured doses',
  unit: 'KGM',
  quantity: 200,
  legalQuantity: { quantity: 200, unit: 'KGM' },
  secondLegalQuantity: undefined,
  netWeightKg: 200,
  documents: [{ code: 'Q', number: 'YP26-000318' }],
  customsValue: 12000,
});
/** Goods the risk rules score by their chapter (animal products): counted in kilograms only. */
export const FROZEN_FISH = declarationLine({
  hsCode: '0303899000',
  description: 'Frozen fish',
  unit: 'KGM',
  quantity: 1400,
  legalQuantity: { quantity: 1400, unit: 'KGM' },
  secondLegalQuantity: undefined,
  packages: { count: 2, type: 'CT' },
  documents: [{ code: 'A', number: '440300126000002' }],
});

/**
 * A complete, valid import declaration of one line (other lines: `items` in the overrides). Unless
 * overridden, the package total and the one container follow the items, so a test that changes the
 * lines keeps a consistent filing.
 */
export function declarationBody(blNumber: string, overrides: Record<string, unknown> = {}) {
  const items = (overrides.items ?? [declarationLine()]) as ReturnType<typeof declarationLine>[];
  return {
    blNumber,
    declarationType: 'ordinary',
    declarantId: 'BROKER-7',
    declarant: DECLARANT,
    trader: TRADER,
    consignor: { name: 'ACME GMBH', country: 'DE' },
    consignee: { name: TRADER.name, country: 'CN', socialCreditCode: TRADER.socialCreditCode },
    transportMode: '2',
    vesselName: 'COSCO SHIPPING ARIES',
    voyage: '042E',
    meansNationality: 'CN',
    containers: [{ number: 'CSQU3054383', sizeType: '45G1', itemNumbers: items.map((_, i) => i + 1) }],
    portOfLoading: 'DEHAM',
    portOfDischarge: 'CNSZX',
    goodsLocation: 'CNSZXYTN',
    previousDocuments: [{ type: '705', reference: blNumber }],
    invoice: { number: `INV-${blNumber}`.slice(0, 35), currency: 'EUR', amount: 40000 },
    incoterm: 'CIF',
    currency: 'EUR',
    totalPackages: items.reduce((n, line) => n + (Number(line.packages?.count) || 0), 0),
    grossWeightKg: 3100,
    items,
    ...overrides,
  };
}

/** A bill of lading number no other test run uses. */
export function uniqueBl(prefix = 'COSU'): string {
  return `${prefix}${Date.now().toString().slice(-8)}${Math.floor(Math.random() * 1000)}`;
}
