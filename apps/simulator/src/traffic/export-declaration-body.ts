import { declarationBody } from './declaration-body';
import { registrationOf } from './shipment-identifiers';
import type { ExportBehaviour, ExportPlan } from './traffic-plan';

interface ExportGoods {
  hsCode: string;
  description: string;
  consignee: { name: string; country: string };
  portOfDischarge: string;
  currency: string;
  quantity: number;
  unit: string;
  netWeightKg: number;
  customsValue: number;
}

/**
 * Goods made in Shenzhen's hinterland (mechanical and electrical products are most of its exports),
 * by the risk profile the draw gives: GREEN lines have no risk rule (computers and garments with a VAT
 * rebate, ferro-silicon owing 25 % export duty in the shipped tariff), YELLOW hits the HS chapter rule
 * for animal products, RED adds undervaluation to it.
 */
const CATALOGUE: Record<'GREEN' | 'YELLOW' | 'RED', ExportGoods[]> = {
  GREEN: [
    goods(
      '8471300000',
      'Portable computers, under 10 kg',
      'HAMBURG RETAIL GMBH',
      'DE',
      'DEHAM',
      'USD',
      200,
      'NAR',
      400,
      60000,
    ),
    goods(
      '6109100000',
      'T-shirts of cotton, knitted',
      'LA MODE SARL',
      'FR',
      'FRLEH',
      'USD',
      8000,
      'NAR',
      1600,
      32000,
    ),
    goods(
      '7202210000',
      'Ferro-silicon, over 55 % silicon',
      'NIPPON STEEL TRADING',
      'JP',
      'JPTYO',
      'USD',
      400,
      'KGM',
      400,
      10000,
    ),
  ],
  YELLOW: [
    goods(
      '0303899000',
      'Frozen fish',
      'TOKYO FISH MARKET KK',
      'JP',
      'JPTYO',
      'USD',
      2900,
      'KGM',
      2900,
      18000,
    ),
  ],
  RED: [goods('0303899000', 'Frozen fish', 'PUSAN SEAFOOD CO', 'KR', 'KRPUS', 'USD', 2900, 'KGM', 2900, 500)],
};

function goods(
  hsCode: string,
  description: string,
  consigneeName: string,
  country: string,
  portOfDischarge: string,
  currency: string,
  quantity: number,
  unit: string,
  netWeightKg: number,
  customsValue: number,
): ExportGoods {
  const consignee = { name: consigneeName, country };
  return {
    hsCode,
    description,
    consignee,
    portOfDischarge,
    currency,
    quantity,
    unit,
    netWeightKg,
    customsValue,
  };
}

export function exportGoodsOf(plan: ExportPlan, behaviour: ExportBehaviour): ExportGoods {
  const lines = CATALOGUE[behaviour.riskProfile];
  return lines[Math.min(lines.length - 1, Math.floor(plan.goodsDraw * lines.length))];
}

/**
 * The export declaration of a shipment, lodged by the exporter FOB Shenzhen: the import body's data set
 * (so fields the declaration gains reach exports too) with the export's parties, ports and goods. A
 * deficient first filing has a port of loading that is not a UN/LOCODE and a gross weight below the net.
 */
export function exportDeclarationBody(
  plan: ExportPlan,
  behaviour: ExportBehaviour,
  vesselName: string,
  voyage: string,
  deficient: boolean,
): Record<string, unknown> {
  const base = declarationBody(plan, behaviour, vesselName, voyage, deficient);
  const line = exportGoodsOf(plan, behaviour);
  const [baseItem] = (base.items as Record<string, unknown>[] | undefined) ?? [{}];
  const packages = Math.max(1, Math.round(line.netWeightKg / 500));
  // the exporter is the trader (境内发货人) and the consignor, registered as the simulator's importers are
  const trader = { name: `${behaviour.importerId} EXPORT CO`, ...registrationOf(behaviour.importerId) };
  const weighed = line.unit === 'KGM';
  return {
    ...base,
    direction: 'export',
    trader,
    consignor: { name: trader.name, country: 'CN', socialCreditCode: trader.socialCreditCode },
    consignee: line.consignee,
    invoice: {
      number: `INV-${plan.blNumber}`.slice(0, 35),
      currency: line.currency,
      amount: line.customsValue,
    },
    portOfLoading: deficient ? 'shenzhen' : 'CNSZX',
    portOfDischarge: line.portOfDischarge,
    incoterm: 'FOB',
    currency: line.currency,
    totalPackages: packages,
    grossWeightKg: deficient ? Math.round(line.netWeightKg / 2) : Math.round(line.netWeightKg * 1.08),
    items: [
      {
        ...baseItem,
        hsCode: line.hsCode,
        description: line.description,
        originCountry: 'CN',
        quantity: line.quantity,
        unit: line.unit,
        legalQuantity: { quantity: weighed ? line.netWeightKg : line.quantity, unit: line.unit },
        secondLegalQuantity: weighed ? undefined : { quantity: line.netWeightKg, unit: 'KGM' },
        netWeightKg: line.netWeightKg,
        packages: { count: packages, type: weighed ? 'CT' : 'PK' },
        // the export certificates the commodity requires (config/commodity-requirements.json): fish an
        // export inspection certificate
        documents: line.hsCode.startsWith('0303') ? [{ code: 'B', number: `B-${plan.blNumber}` }] : [],
        customsValue: line.customsValue,
      },
    ],
  };
}
