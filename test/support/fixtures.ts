/** A complete, valid import declaration; tests override what they are about. */
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
    items: [
      {
        hsCode: '870323',
        description: 'Passenger car, petrol engine 1.5-3.0 l',
        originCountry: 'DE',
        quantity: 2,
        unit: 'NAR',
        netWeightKg: 2900,
        customsValue: 40000,
      },
    ],
    ...overrides,
  };
}

export function uniqueBl(prefix = 'COSU'): string {
  return `${prefix}${Date.now().toString().slice(-8)}${Math.floor(Math.random() * 1000)}`;
}
