import { aeoCertificateOf, majorProjectOf } from '../green-channel/simulated-register';
import { containerNumber, registrationOf } from './shipment-identifiers';
import type { ShipmentBehaviour, ShipmentPlan } from './traffic-plan';

interface Goods {
  hsCode: string;
  description: string;
  originCountry: string;
  consignor: { name: string; country: string };
  portOfLoading: string;
  currency: string;
  quantity: number;
  unit: string;
  netWeightKg: number;
  customsValue: number;
}

/**
 * Ordinary lines (no agency but customs and inspection) whose risk the inspection service's rules
 * (apps/inspection/config/risk-rules.json) score into the profile's channel: GREEN has no rule, YELLOW
 * hits an HS chapter rule (animal products 40), RED adds undervaluation (50) to it. Trust discounts (AEO, green channel,
 * at most 20 together) can take a YELLOW line to GREEN but never a RED one out of RED; random selection
 * adds to any of them.
 */
const CATALOGUE: Record<'GREEN' | 'YELLOW' | 'RED', Goods[]> = {
  GREEN: [
    goods(
      '8703239000',
      'Passenger car, petrol engine 1.5-3.0 l',
      'DE',
      'ACME GMBH',
      'DEHAM',
      'EUR',
      2,
      'NAR',
      2900,
      40000,
    ),
    goods(
      '8471300000',
      'Portable data-processing machines',
      'JP',
      'NIPPON DENKI KK',
      'JPTYO',
      'USD',
      400,
      'NAR',
      1200,
      180000,
    ),
    goods(
      '6109100000',
      'T-shirts of cotton, knitted',
      'VN',
      'SAIGON GARMENT CO',
      'VNSGN',
      'USD',
      5000,
      'NAR',
      1100,
      21000,
    ),
    goods(
      '3901100000',
      'Polyethylene in primary forms',
      'KR',
      'HANWHA CHEMICAL',
      'KRPUS',
      'USD',
      20000,
      'KGM',
      20000,
      26000,
    ),
  ],
  YELLOW: [
    goods('0303899000', 'Frozen fish', 'NO', 'NORDIC SEAFOOD AS', 'NOBGO', 'EUR', 2900, 'KGM', 2900, 18000),
  ],
  RED: [
    goods('0303899000', 'Frozen fish', 'CL', 'PACIFICO PESCA SA', 'CLVAP', 'USD', 2900, 'KGM', 2900, 500),
  ],
};

/**
 * Controlled goods, which the routing rules (config/routing-rules.json) send to another agency as well:
 * medical instruments (9018, the health authority; no risk rule, so GREEN), sporting shotguns (9303, the
 * licensing authority and, for a standard trader, customs' acceptance review; arms score 45: YELLOW) and
 * medicaments (3004, health and customs' review; 35: YELLOW, undervalued RED). Controlled chemicals
 * (2811-2812) are left out: the declaration service's tariff has no heading for them.
 */
const CONTROLLED: Record<'GREEN' | 'YELLOW' | 'RED', Goods[]> = {
  GREEN: [
    goods(
      '9018909000',
      'Medical instruments and appliances',
      'DE',
      'MEDIZINTECHNIK GMBH',
      'DEHAM',
      'EUR',
      40,
      'NAR',
      600,
      60000,
    ),
  ],
  YELLOW: [
    goods(
      '9303200000',
      'Sporting shotguns',
      'IT',
      'ARMI SPORTIVE SPA',
      'ITGOA',
      'EUR',
      50,
      'NAR',
      250,
      45000,
    ),
    goods(
      '3004909000',
      'Medicaments in measured doses',
      'CH',
      'HELVETIA PHARMA AG',
      'DEHAM',
      'EUR',
      800,
      'KGM',
      800,
      95000,
    ),
  ],
  RED: [
    goods(
      '3004909000',
      'Medicaments in measured doses',
      'IN',
      'DECCAN LIFESCIENCES',
      'INNSA',
      'USD',
      600,
      'KGM',
      600,
      300,
    ),
  ],
};

function goods(
  hsCode: string,
  description: string,
  originCountry: string,
  consignorName: string,
  portOfLoading: string,
  currency: string,
  quantity: number,
  unit: string,
  netWeightKg: number,
  customsValue: number,
): Goods {
  return {
    hsCode,
    description,
    originCountry,
    consignor: { name: consignorName, country: originCountry },
    portOfLoading,
    currency,
    quantity,
    unit,
    netWeightKg,
    customsValue,
  };
}

export function goodsOf(plan: ShipmentPlan, behaviour: ShipmentBehaviour): Goods {
  const lines = (behaviour.controlledGoods ? CONTROLLED : CATALOGUE)[behaviour.riskProfile];
  return lines[Math.min(lines.length - 1, Math.floor(plan.goodsDraw * lines.length))];
}

/**
 * The licences and certificates a broker knows each heading needs on import (the declaration service's
 * config/commodity-requirements.json): cars an automatic import licence and inspection, fish
 * inspection, arms an import licence, medicaments the drug clearance form.
 */
const DOCUMENTS: Record<string, string[]> = {
  '8703': ['O', 'A'],
  '0303': ['A'],
  '9303': ['1'],
  '3004': ['Q'],
};

/**
 * The line as a broker writes it: goods counted in articles have kilograms as second legal unit, goods
 * weighed have only kilograms, which are the net weight.
 */
function lineOf(line: Goods, blNumber: string, packages: number): Record<string, unknown> {
  return {
    hsCode: line.hsCode,
    description: line.description,
    originCountry: line.originCountry,
    quantity: line.quantity,
    unit: line.unit,
    legalQuantity: { quantity: line.unit === 'KGM' ? line.netWeightKg : line.quantity, unit: line.unit },
    ...(line.unit === 'KGM' ? {} : { secondLegalQuantity: { quantity: line.netWeightKg, unit: 'KGM' } }),
    netWeightKg: line.netWeightKg,
    packages: { count: packages, type: line.unit === 'KGM' ? 'CT' : 'PK' },
    documents: (DOCUMENTS[line.hsCode.slice(0, 4)] ?? []).map((code) => ({
      code,
      number: `${code}-${blNumber}`,
    })),
    dutyRegime: '1',
    customsValue: line.customsValue,
  };
}

/**
 * The import declaration of a shipment. A deficient first filing carries two mistakes brokers make
 * (a gross weight below the net weight, a port of loading that is not a UN/LOCODE): the platform names
 * both at once in its 422, and the corrected filing is the complete one.
 */
export function declarationBody(
  plan: ShipmentPlan,
  behaviour: ShipmentBehaviour,
  vesselName: string,
  voyage: string,
  deficient: boolean,
): Record<string, unknown> {
  const line = goodsOf(plan, behaviour);
  const grossWeightKg = Math.round(line.netWeightKg * 1.08);
  const importerId = behaviour.importerId;
  const broker = `BROKER-${importerId.slice(-2)}`;
  const trader = { name: `${importerId} IMPORT CO`, ...registrationOf(importerId) };
  const packages = Math.max(1, Math.round(line.netWeightKg / 500));
  const aeoTraderId = behaviour.greenGround === 'aeo' ? aeoCertificateOf(importerId) : undefined;
  const majorProjectCode = behaviour.greenGround === 'major-project' ? majorProjectOf(importerId) : undefined;
  return {
    blNumber: plan.blNumber,
    declarationType: 'ordinary',
    declarantId: broker,
    declarant: { name: `${broker} CUSTOMS BROKERS`, ...registrationOf(broker) },
    trader,
    consignor: line.consignor,
    consignee: { name: trader.name, country: 'CN', socialCreditCode: trader.socialCreditCode },
    transportMode: '2',
    vesselName,
    voyage,
    meansNationality: 'CN',
    containers: [{ number: containerNumber(plan.blNumber), sizeType: '45G1', itemNumbers: [1] }],
    portOfLoading: deficient ? 'hamburg' : line.portOfLoading,
    portOfDischarge: 'CNSZX',
    goodsLocation: 'CNSZXYTN',
    previousDocuments: [{ type: '705', reference: plan.blNumber }],
    invoice: {
      number: `INV-${plan.blNumber}`.slice(0, 35),
      currency: line.currency,
      amount: line.customsValue,
    },
    incoterm: 'CIF',
    currency: line.currency,
    totalPackages: packages,
    grossWeightKg: deficient ? Math.round(line.netWeightKg / 2) : grossWeightKg,
    items: [lineOf(line, plan.blNumber, packages)],
    documents: [`INV-${plan.blNumber}`, `PL-${plan.blNumber}`],
    // the ids the register holds for this importer: a typed id alone would earn nothing
    ...(aeoTraderId ? { aeoTraderId } : {}),
    ...(majorProjectCode ? { majorProjectCode } : {}),
  };
}
