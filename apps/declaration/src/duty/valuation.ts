import { applyRate, fromPercent, percent } from '@tongguan/platform';
import type { IncotermEntry, ValuationCost } from '../code-lists/code-list-files';
import type { ValuationSettings } from './valuation-settings';

/** A cost as the declaration states it: an amount in a currency, or a rate in percent. */
export interface DeclaredCharge {
  /** Decimal string in `currency`, at most its ISO 4217 minor units. */
  amount?: string;
  currency?: string;
  /** Percent: of the cost for freight, of cost plus loading and freight for insurance. */
  ratePercent?: string;
}

/** The valuation elements of a declaration. */
export interface ValuationTerms {
  incoterm: string;
  freight?: DeclaredCharge;
  insurance?: DeclaredCharge;
  /** Loading and carriage to the place of export, when the Incoterm leaves them to the buyer. */
  loadingCosts?: DeclaredCharge;
  valuationMethod?: string;
}

/** A declared amount converted to CNY fen, with what it rests on. */
export interface ConvertedAmount {
  fen: number;
  /** How it was converted, for the breakdown: "USD 1200.00 at 7.12 (from 2026-01-01)". */
  source: string;
}

export type AdditionBasis = 'declared-amount' | 'declared-rate' | 'default-rate';

/** One cost added to the price to reach the CIF value, named with its source. */
export interface ValuationAddition {
  cost: ValuationCost;
  basis: AdditionBasis;
  /** The fraction applied, when the addition is a rate of a basis. */
  rate?: string;
  amountCnyMinor: number;
  source: string;
}

export interface Valuation {
  incoterm: string;
  group: IncotermEntry['group'];
  /** Valuation method code (config/valuation.json): 1 transaction value unless declared. */
  method: string;
  /** The invoice price of the goods, in CNY fen. */
  priceCnyMinor: number;
  additions: ValuationAddition[];
  /** Price plus additions: the CIF value duty is assessed on. */
  customsValueCnyMinor: number;
  /** What the Incoterm means for the value, in a sentence. */
  note: string;
}

const NOTES: Record<IncotermEntry['group'], string> = {
  E: 'EXW: the buyer pays loading, carriage and insurance to China; all are added to the price',
  F: 'F term: the buyer pays the main carriage and its insurance; both are added to the price',
  C: 'C term: the price includes the main carriage (CIF and CIP its insurance too); insurance is added where the term leaves it to the buyer (CFR, CPT)',
  D: 'D term: the price includes carriage and insurance to China; nothing is added, and costs after arrival or Chinese duties and taxes are not deducted unless the declared value already leaves them out (GAC Order No. 213, Art. 15)',
};

/**
 * The customs value on the CIF basis China uses (Customs Law Art. 55; GAC Order No. 213): the price,
 * plus the costs up to the place of import that the Incoterm leaves to the buyer. A declared amount
 * is converted at the customs rate; a declared rate applies to its basis; with neither, the default
 * rates apply (insurance 3‰ of cost and freight, Art. 36; freight from config, Art. 35). Loading costs
 * are added only when declared: there is no default for them. Each addition is rounded to the fen.
 */
export function valueToCif(
  priceCnyMinor: number,
  terms: ValuationTerms,
  rule: IncotermEntry,
  settings: ValuationSettings,
  convert: (amount: string, currency: string) => ConvertedAmount,
): Valuation {
  const additions: ValuationAddition[] = [];
  const pays = (cost: ValuationCost) => rule.buyerPays.includes(cost);
  const declared = (
    cost: ValuationCost,
    charge: DeclaredCharge | undefined,
    basisFen: number,
    basisName: string,
  ) => {
    if (charge?.amount !== undefined && charge.currency !== undefined) {
      const { fen, source } = convert(charge.amount, charge.currency);
      return { cost, basis: 'declared-amount' as const, amountCnyMinor: fen, source: `declared ${source}` };
    }
    if (charge?.ratePercent !== undefined) {
      const rate = fromPercent(charge.ratePercent);
      return {
        cost,
        basis: 'declared-rate' as const,
        rate,
        amountCnyMinor: applyRate(basisFen, rate),
        source: `declared rate ${percent(rate)} of ${basisName}`,
      };
    }
    return undefined;
  };

  if (pays('loading')) {
    const loading = declared('loading', terms.loadingCosts, priceCnyMinor, 'the cost');
    if (loading) additions.push(loading);
  }
  if (pays('freight')) {
    additions.push(
      declared('freight', terms.freight, priceCnyMinor, 'the cost') ?? {
        cost: 'freight',
        basis: 'default-rate',
        rate: settings.freightRate,
        amountCnyMinor: applyRate(priceCnyMinor, settings.freightRate),
        source: `freight not declared: default ${percent(settings.freightRate)} of the cost, the period's normal transport cost (GAC Order No. 213, Art. 35; config/valuation.json)`,
      },
    );
  }
  if (pays('insurance')) {
    const carried = priceCnyMinor + additions.reduce((sum, a) => sum + a.amountCnyMinor, 0);
    additions.push(
      declared('insurance', terms.insurance, carried, 'cost and freight') ?? {
        cost: 'insurance',
        basis: 'default-rate',
        rate: settings.insuranceRate,
        amountCnyMinor: applyRate(carried, settings.insuranceRate),
        source: `insurance not declared: ${percent(settings.insuranceRate)} of cost and freight (GAC Order No. 213, Art. 36)`,
      },
    );
  }
  return {
    incoterm: rule.code,
    group: rule.group,
    method: terms.valuationMethod ?? settings.defaultMethod,
    priceCnyMinor,
    additions,
    customsValueCnyMinor: priceCnyMinor + additions.reduce((sum, a) => sum + a.amountCnyMinor, 0),
    note: NOTES[rule.group],
  };
}
