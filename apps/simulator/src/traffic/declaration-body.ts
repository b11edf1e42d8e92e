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
 * Lines whose risk the inspection service's rules (apps/inspection/config/risk-rules.json) score into
 * the profile's channel: GREEN has no rule, YELLOW hits an HS chapter rule (animal products 40,
 * pharmaceuticals 35), RED adds undervaluation (50) to one of those. Trust discounts (AEO, green channel,
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
    goods('030389', 'Frozen fish', 'CL', 'PACIFICO PESCA SA', 'CLVAP', 'USD', 2900, 'KGM', 2900, 500),
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
  const lines = CATALOGUE[behaviour.riskProfile];
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
  return {
    blNumber: plan.blNumber,
    declarantId: `BROKER-${plan.importerId.slice(-2)}`,
    consignor: line.consignor,
    consignee: { name: `${plan.importerId} IMPORT CO`, country: 'CN' },
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
    ...(behaviour.greenGround === 'aeo' ? { aeoTraderId: `AEO-CN-4403-${plan.importerId.slice(-2)}` } : {}),
    ...(behaviour.greenGround === 'major-project'
      ? { majorProjectCode: `MP-2026-SZ-0${plan.importerId.slice(-2)}` }
      : {}),
  };
}
