import type { EventTap } from '@tongguan/testing';

/** The consignee party the manifests of these tests name. */
export const CONSIGNEE = 'TRADER-1';

/** One line of a filing; tests override what they are about. */
export function line(overrides: Record<string, unknown> = {}) {
  return {
    hsCode: '870323',
    description: 'Passenger car, petrol engine 1.5-3.0 l',
    originCountry: 'DE',
    quantity: 2,
    unit: 'NAR',
    netWeightKg: 1400,
    customsValue: 40000,
    ...overrides,
  };
}

/** Controlled goods: a sporting rifle (licence, officer's acceptance review) and a medicament (registration check). */
export const RIFLE = line({
  hsCode: '930320',
  description: 'Sporting rifles',
  quantity: 4,
  customsValue: 8000,
});
export const MEDICAMENT = line({
  hsCode: '300490',
  description: 'Medicaments in measured doses',
  unit: 'KGM',
  quantity: 200,
  customsValue: 12000,
});

/** A complete import declaration of the given lines. */
export function filing(blNumber: string, items = [line()], overrides: Record<string, unknown> = {}) {
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
    items,
    ...overrides,
  };
}

export function uniqueBl(prefix: string): string {
  return `${prefix}${Date.now().toString().slice(-8)}${Math.floor(Math.random() * 1000)}`;
}

/** The carrier's manifest line naming the consignee, as port-exchange announces it. */
export function manifest(tap: EventTap, bl: string, consigneePartyId = CONSIGNEE) {
  return tap.publish('BillOfLadingManifested', {
    shipmentId: bl,
    blNumber: bl,
    vesselCallId: `CALL-${bl}`,
    carrierPartyId: 'CARRIER-1',
    consigneePartyId,
    revision: 1,
  });
}
