import { applyRate, includedShare, percent } from '@tongguan/platform';
import type { IncotermEntry, ValuationCost } from '../code-lists/code-list-files';
import {
  loadingAdditions,
  resolveCharge,
  total,
  valuationHead,
  type Valuation,
  type ValuationAddition,
  type ValuationInput,
} from './valuation';

const ART_38_40 = 'GAC Order No. 213, Arts. 38 and 40(2)';

const NOTES: Record<IncotermEntry['group'], string> = {
  E: `EXW: the price leaves loading and carriage to the port of export to the buyer; they are part of the export value (${ART_38_40}) and added when declared`,
  F: `F term: the price is at the place of export; loading and carriage to it the buyer pays (FCA inland, FAS alongside) are added when declared, nothing is deducted`,
  C: `C term: the price holds the freight (CIF and CIP the insurance too) after loading at the place of export; they are deducted to reach the FOB value (${ART_38_40})`,
  D: `D term: the price holds carriage and insurance to the destination, and the costs there when declared (unloading, import clearance); all are deducted to reach the FOB value (${ART_38_40})`,
};

/**
 * An export's value free on board at the place of export (Customs Law Art. 55; GAC Order No. 213,
 * Arts. 38-40), the mirror of valueToCif: costs up to loading that the Incoterm leaves to the buyer are
 * added (declared loading and inland carriage, E and F terms), the freight and insurance after loading
 * that the price holds are deducted (C and D terms), and for D terms first the declared costs at the
 * destination. A deduction is the declared amount, else the
 * share of the price a declared or default rate makes (a rate is of what it is laid on, so a CIF price
 * holds insurance at P × r / (1 + r), then freight likewise of the rest). Excluding the export duty the
 * FOB value holds is per tariff line (assessExportDuty), since each line has its own rate.
 */
export function valueToFob(input: ValuationInput): Valuation {
  const { priceCnyMinor, terms, rule, settings, convert } = input;
  const sellerPays = (cost: ValuationCost) => !rule.buyerPays.includes(cost);
  const additions = loadingAdditions(input);
  const deductions: ValuationAddition[] = [];
  const defaults = settings.export;
  if (rule.group === 'D') {
    // the far end first: what is left is the price at the destination's port or place, carriage paid
    const ofRate = (rate: string) => applyRate(priceCnyMinor, rate);
    const charge = terms.destinationCosts;
    const costs = resolveCharge({ cost: 'destination', charge, ofRate, basisName: 'the price' }, convert);
    if (costs) deductions.push(costs);
  }
  if (sellerPays('insurance')) {
    const carried = priceCnyMinor - total(deductions);
    const ofRate = (rate: string) => includedShare(carried, rate);
    const fallback = {
      rate: defaults.insuranceRate,
      source: `insurance after loading not declared: ${percent(defaults.insuranceRate)} of cost and freight, the share of the price it makes (config/valuation.json export)`,
    };
    const basisName = 'cost and freight, the share of the price it makes';
    const charge = terms.insurance;
    deductions.push(resolveCharge({ cost: 'insurance', charge, ofRate, basisName, fallback }, convert)!);
  }
  if (sellerPays('freight')) {
    const costAndFreight = priceCnyMinor - total(deductions);
    const ofRate = (rate: string) => includedShare(costAndFreight, rate);
    const fallback = {
      rate: defaults.freightRate,
      source: `freight after loading not declared: ${percent(defaults.freightRate)} of the FOB value, the share of cost and freight it makes (config/valuation.json export)`,
    };
    const basisName = 'the FOB value, the share of cost and freight it makes';
    const charge = terms.freight;
    deductions.push(resolveCharge({ cost: 'freight', charge, ofRate, basisName, fallback }, convert)!);
  }
  const fobValueCnyMinor = priceCnyMinor + total(additions) - total(deductions);
  return {
    ...valuationHead(input, additions),
    deductions,
    fobValueCnyMinor,
    customsValueCnyMinor: fobValueCnyMinor,
    note: NOTES[rule.group],
  };
}
