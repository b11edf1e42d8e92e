/**
 * Import declarations as the app and end-to-end tests lodge them (scripts/demo-shipment.js, plain JS,
 * keeps its own). Tests override what they are about.
 */

/** One line of a declaration: two passenger cars. */
export function declarationLine(overrides: Record<string, unknown> = {}) {
  return {
    hsCode: '870323',
    description: 'Passenger car, petrol engine 1.5-3.0 l',
    originCountry: 'DE',
    quantity: 2,
    unit: 'NAR',
    // light enough that two lines stay within the declaration's gross weight
    netWeightKg: 1400,
    customsValue: 40000,
    ...overrides,
  };
}

/** Controlled goods: a sporting rifle (licence, officer's acceptance review) and a medicament (registration check). */
export const RIFLE = declarationLine({
  hsCode: '930320',
  description: 'Sporting rifles',
  quantity: 4,
  customsValue: 8000,
});
export const MEDICAMENT = declarationLine({
  hsCode: '300490',
  description: 'Medicaments in measured doses',
  unit: 'KGM',
  quantity: 200,
  customsValue: 12000,
});

/** A complete, valid import declaration of one line (other lines: `items` in the overrides). */
export function declarationBody(blNumber: string, overrides: Record<string, unknown> = {}) {
  return {
    blNumber,
    declarantId: 'BROKER-7',
    consignor: { name: 'ACME GMBH', country: 'DE' },
    consignee: { name: 'SHENZHEN TRADING CO', country: 'CN' },
    vesselName: 'COSCO SHIPPING ARIES',
    voyage: '042E',
    portOfLoading: 'DEHAM',
    portOfDischarge: 'CNSZX',
    incoterm: 'CIF',
    currency: 'EUR',
    totalPackages: 2,
    grossWeightKg: 3100,
    items: [declarationLine()],
    ...overrides,
  };
}

/** A bill of lading number no other test run uses. */
export function uniqueBl(prefix = 'COSU'): string {
  return `${prefix}${Date.now().toString().slice(-8)}${Math.floor(Math.random() * 1000)}`;
}
