import { aeoCertificateOf, majorProjectOf } from '../green-channel/simulated-register';
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
      '870323',
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
      '847130',
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
      '610910',
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
      '390110',
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
    goods('030389', 'Frozen fish', 'NO', 'NORDIC SEAFOOD AS', 'NOBGO', 'EUR', 2900, 'KGM', 2900, 18000),
  ],
  RED: [goods('030389', 'Frozen fish', 'CL', 'PACIFICO PESCA SA', 'CLVAP', 'USD', 2900, 'KGM', 2900, 500)],
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
      '901890',
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
    goods('930320', 'Sporting shotguns', 'IT', 'ARMI SPORTIVE SPA', 'ITGOA', 'EUR', 50, 'NAR', 250, 45000),
    goods(
      '300490',
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
      '300490',
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
  const aeoTraderId = behaviour.greenGround === 'aeo' ? aeoCertificateOf(importerId) : undefined;
  const majorProjectCode = behaviour.greenGround === 'major-project' ? majorProjectOf(importerId) : undefined;
  return {
    blNumber: plan.blNumber,
    declarantId: `BROKER-${importerId.slice(-2)}`,
    consignor: line.consignor,
    consignee: { name: `${importerId} IMPORT CO`, country: 'CN' },
    vesselName,
    voyage,
    portOfLoading: deficient ? 'hamburg' : line.portOfLoading,
    portOfDischarge: 'CNSZX',
    incoterm: 'CIF',
    currency: line.currency,
    totalPackages: Math.max(1, Math.round(line.netWeightKg / 500)),
    grossWeightKg: deficient ? Math.round(line.netWeightKg / 2) : grossWeightKg,
    items: [
      {
        hsCode: line.hsCode,
        description: line.description,
        originCountry: line.originCountry,
        quantity: line.quantity,
        unit: line.unit,
        netWeightKg: line.netWeightKg,
        customsValue: line.customsValue,
      },
    ],
    documents: [`INV-${plan.blNumber}`, `PL-${plan.blNumber}`],
    // the ids the register holds for this importer: a typed id alone would earn nothing
    ...(aeoTraderId ? { aeoTraderId } : {}),
    ...(majorProjectCode ? { majorProjectCode } : {}),
  };
}
