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
  /** An export's under a D term: costs after the main carriage to the destination the price holds. */
  destinationCosts?: DeclaredCharge;
  valuationMethod?: string;
}

/** A declared amount converted to CNY fen, with what it rests on. */
export interface ConvertedAmount {
  fen: number;
  /** How it was converted, for the breakdown: "USD 1200.00 at 7.12 (from 2026-01-01)". */
  source: string;
}

export type ChargeCost = ValuationCost | 'destination' | 'export-duty';

export type AdditionBasis = 'declared-amount' | 'declared-rate' | 'default-rate' | 'tariff-rate';

/** One cost added to the price (or, for an export, deducted from it), named with its source. */
export interface ValuationAddition {
  /** An export's deductions add destination (D terms) and export-duty, which is not part of its value. */
  cost: ChargeCost;
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
  /** An export's: the freight and insurance after loading its price holds, and the export duty. */
  deductions?: ValuationAddition[];
  /** An export's value free on board: price plus additions less freight and insurance after loading. */
  fobValueCnyMinor?: number;
  /** Import: price plus additions, the CIF value. Export: the FOB value less the export duty it holds. */
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

/** How one cost is found: the declaration's charge, what a rate of it comes to, and the default. */
export interface ChargeRule {
  cost: ChargeCost;
  charge: DeclaredCharge | undefined;
  /** What a rate makes in fen: of its basis on an import, its share of the price on an export. */
  ofRate: (rate: string) => number;
  basisName: string;
  /** Applied when nothing is declared; without one an undeclared cost is left out. */
  fallback?: { rate: string; source: string };
}

export type Convert = (amount: string, currency: string) => ConvertedAmount;

/**
 * A cost in fen with its source: a declared amount converted at the customs rate, else a declared
 * rate, else the default rate; undefined when none applies. Shared by the import (added) and export
 * (deducted) valuations, which differ only in what a rate is of.
 */
export function resolveCharge(rule: ChargeRule, convert: Convert): ValuationAddition | undefined {
  const { cost, charge } = rule;
  if (charge?.amount !== undefined && charge.currency !== undefined) {
    const { fen, source } = convert(charge.amount, charge.currency);
    return { cost, basis: 'declared-amount', amountCnyMinor: fen, source: `declared ${source}` };
  }
  if (charge?.ratePercent !== undefined) {
    const rate = fromPercent(charge.ratePercent);
    const source = `declared rate ${percent(rate)} of ${rule.basisName}`;
    return { cost, basis: 'declared-rate', rate, amountCnyMinor: rule.ofRate(rate), source };
  }
  if (!rule.fallback) return undefined;
  const { rate, source } = rule.fallback;
  return { cost, basis: 'default-rate', rate, amountCnyMinor: rule.ofRate(rate), source };
}

export function total(charges: ValuationAddition[]): number {
  return charges.reduce((sum, c) => sum + c.amountCnyMinor, 0);
}

/** What a valuation reads: the price in CNY fen, the declaration's terms, its Incoterm, the defaults. */
export interface ValuationInput {
  priceCnyMinor: number;
  terms: ValuationTerms;
  rule: IncotermEntry;
  settings: ValuationSettings;
  convert: Convert;
}

/**
 * Loading and carriage to the place of export, where the price leaves them to the buyer (EXW, FCA,
 * FAS): part of the value in both directions, added only when declared (no default).
 */
export function loadingAdditions({
  priceCnyMinor,
  terms,
  rule,
  convert,
}: ValuationInput): ValuationAddition[] {
  if (!rule.buyerPays.includes('loading')) return [];
  const ofRate = (rate: string) => applyRate(priceCnyMinor, rate);
  const charge = terms.loadingCosts;
  const loading = resolveCharge({ cost: 'loading', charge, ofRate, basisName: 'the cost' }, convert);
  return loading ? [loading] : [];
}

/** The parts of a valuation both directions state alike. */
export function valuationHead(input: ValuationInput, additions: ValuationAddition[]) {
  return {
    incoterm: input.rule.code,
    group: input.rule.group,
    method: input.terms.valuationMethod ?? input.settings.defaultMethod,
    priceCnyMinor: input.priceCnyMinor,
    additions,
  };
}

/**
 * The customs value on the CIF basis China uses (Customs Law Art. 55; GAC Order No. 213): the price,
 * plus the costs up to the place of import that the Incoterm leaves to the buyer. A declared amount
 * is converted at the customs rate; a declared rate applies to its basis; with neither, the default
 * rates apply (insurance 3‰ of cost and freight, Art. 36; freight from config, Art. 35). Loading costs
 * are added only when declared: there is no default for them. Each addition is rounded to the fen.
 */
export function valueToCif(input: ValuationInput): Valuation {
  const { priceCnyMinor, terms, rule, settings, convert } = input;
  const additions = loadingAdditions(input);
  const add = (charge: ValuationAddition | undefined) => charge && additions.push(charge);
  const pays = (cost: ValuationCost) => rule.buyerPays.includes(cost);
  const ofCost = (rate: string) => applyRate(priceCnyMinor, rate);
  if (pays('freight')) {
    const fallback = {
      rate: settings.freightRate,
      source: `freight not declared: default ${percent(settings.freightRate)} of the cost, the period's normal transport cost (GAC Order No. 213, Art. 35; config/valuation.json)`,
    };
    const charge = terms.freight;
    add(resolveCharge({ cost: 'freight', charge, ofRate: ofCost, basisName: 'the cost', fallback }, convert));
  }
  if (pays('insurance')) {
    const carried = priceCnyMinor + total(additions);
    const fallback = {
      rate: settings.insuranceRate,
      source: `insurance not declared: ${percent(settings.insuranceRate)} of cost and freight (GAC Order No. 213, Art. 36)`,
    };
    const ofRate = (rate: string) => applyRate(carried, rate);
    const charge = terms.insurance;
    add(
      resolveCharge({ cost: 'insurance', charge, ofRate, basisName: 'cost and freight', fallback }, convert),
    );
  }
  return {
    ...valuationHead(input, additions),
    customsValueCnyMinor: priceCnyMinor + total(additions),
    note: NOTES[rule.group],
  };
}
