import type { FieldProblem } from '@tongguan/contracts';
import { DECIMAL, decimalPlaces, minorUnitsOf, toFen, toMinor } from '@tongguan/platform';
import { INCOTERM_RULES, isKnownCurrency } from '../code-lists/code-lists';
import type { ValuationCost } from '../code-lists/code-list-files';
import type { ChargeDto, LodgeDeclarationDto } from '../declarations/lodge-declaration.dto';
import { customsDate, rateOn, type ExchangeRates } from './exchange-rates';

const CHARGES: { field: 'freight' | 'insurance' | 'loadingCosts'; cost: ValuationCost }[] = [
  { field: 'loadingCosts', cost: 'loading' },
  { field: 'freight', cost: 'freight' },
  { field: 'insurance', cost: 'insurance' },
];

/** destinationCosts: only an export's under a D term, whose price holds them. */
function destinationProblems(dto: Partial<LodgeDeclarationDto>, rates: ExchangeRates, at: Date, add: Add) {
  const charge = dto.destinationCosts;
  if (charge === null || typeof charge !== 'object') return;
  chargeProblems('destinationCosts', charge, rates, at, add);
  const rule = typeof dto.incoterm === 'string' ? INCOTERM_RULES.get(dto.incoterm) : undefined;
  if (rule && (dto.direction !== 'export' || rule.group !== 'D')) {
    const which = dto.direction === 'export' ? `under ${rule.code}` : 'on an import';
    add(
      'destinationCosts',
      'CHARGE_NOT_IN_PRICE',
      `${which} the price holds no costs at the destination to deduct`,
    );
  }
}

type Add = (path: string, code: string, message: string) => void;

/** An amount with more digits than ISO 4217 gives its currency is not money in it (JPY 12.5). */
export function precisionProblem(amount: unknown, currency: string): string | undefined {
  const text = typeof amount === 'number' ? String(amount) : amount;
  if (typeof text !== 'string' || !DECIMAL.test(text) || !isKnownCurrency(currency)) return undefined;
  const digits = minorUnitsOf(currency);
  return decimalPlaces(text) > digits
    ? `${text} ${currency}: ${currency} has ${digits} minor unit digit${digits === 1 ? '' : 's'} (ISO 4217)`
    : undefined;
}

function currencyProblems(path: string, currency: string, rates: ExchangeRates, at: Date, add: Add) {
  if (!/^[A-Z]{3}$/.test(currency)) return;
  if (!isKnownCurrency(currency)) add(path, 'CURRENCY_UNKNOWN', `${currency} is not an ISO 4217 currency`);
  else if (!rateOn(rates, currency, at)) {
    add(
      path,
      'CURRENCY_NO_RATE',
      `no customs exchange rate for ${currency} in force on ${customsDate(rates, at)}`,
    );
  }
}

function chargeProblems(path: string, charge: ChargeDto, rates: ExchangeRates, at: Date, add: Add) {
  const hasAmount = charge.amount !== undefined;
  const hasRate = charge.ratePercent !== undefined;
  if (hasAmount && hasRate) {
    add(path, 'CHARGE_AMBIGUOUS', 'give an amount or a ratePercent, not both');
  } else if (!hasAmount && !hasRate) {
    add(path, 'CHARGE_INCOMPLETE', 'give an amount with its currency, or a ratePercent');
  }
  if (hasAmount && charge.currency === undefined) {
    add(`${path}.currency`, 'CHARGE_INCOMPLETE', 'an amount needs its currency');
  }
  if (typeof charge.currency === 'string') {
    currencyProblems(`${path}.currency`, charge.currency, rates, at, add);
    const precision = precisionProblem(charge.amount, charge.currency);
    if (precision) add(`${path}.amount`, 'AMOUNT_PRECISION', precision);
  }
}

/** An export's declared freight, insurance and destination amounts must leave an FOB value above nothing. */
function exceedsPrice(dto: Partial<LodgeDeclarationDto>, rates: ExchangeRates, at: Date, add: Add) {
  const fen = (amount: unknown, currency: unknown) => {
    const applied = typeof currency === 'string' ? rateOn(rates, currency, at) : undefined;
    const text = typeof amount === 'number' ? String(amount) : amount;
    if (!applied || typeof text !== 'string' || !DECIMAL.test(text)) return undefined;
    return toFen(toMinor(text, applied.currency), applied.currency, applied.rate);
  };
  const prices = (Array.isArray(dto.items) ? dto.items : []).map((i) => fen(i?.customsValue, dto.currency));
  const charges = [dto.freight, dto.insurance, dto.destinationCosts].map((c) =>
    c?.amount === undefined ? 0 : fen(c.amount, c.currency),
  );
  if ([...prices, ...charges].some((v) => v === undefined)) return;
  const total = (values: (number | undefined)[]) => values.reduce<number>((a, b) => a + (b ?? 0), 0);
  if (total(charges) >= total(prices)) {
    add('freight', 'CHARGES_EXCEED_PRICE', 'the freight and insurance declared leave no value free on board');
  }
}

/**
 * The valuation elements: each declared charge complete and in a currency with a rate; a charge the
 * Incoterm's price already includes is refused on an import (the customs form leaves freight empty for
 * CIF), one it does not hold on an export (nothing to deduct under FOB), as is an amount finer than its
 * currency's minor units, and an export's freight and insurance that swallow its price.
 */
export function valuationProblems(
  dto: Partial<LodgeDeclarationDto>,
  rates: ExchangeRates,
  at: Date,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add: Add = (path, code, message) => problems.push({ path, code, message });
  if (typeof dto.currency === 'string') currencyProblems('currency', dto.currency, rates, at, add);
  const rule = typeof dto.incoterm === 'string' ? INCOTERM_RULES.get(dto.incoterm) : undefined;
  for (const { field, cost } of CHARGES) {
    const charge = dto[field];
    if (charge === null || typeof charge !== 'object') continue;
    chargeProblems(field, charge, rates, at, add);
    // an export deducts the freight and insurance after loading its price holds (valueToFob)
    const deducted = dto.direction === 'export' && cost !== 'loading';
    if (rule && deducted && rule.buyerPays.includes(cost)) {
      add(
        field,
        'CHARGE_NOT_IN_PRICE',
        `under ${rule.code} the price holds no ${cost} after loading: declare none`,
      );
    } else if (rule && !deducted && !rule.buyerPays.includes(cost)) {
      add(field, 'CHARGE_IN_PRICE', `under ${rule.code} the price already includes ${cost}: declare none`);
    }
  }
  destinationProblems(dto, rates, at, add);
  if (dto.direction === 'export' && problems.length === 0) exceedsPrice(dto, rates, at, add);
  const items = Array.isArray(dto.items) ? dto.items : [];
  if (typeof dto.currency === 'string') {
    items.forEach((item, i) => {
      const precision = precisionProblem(item?.customsValue, dto.currency!);
      if (precision) add(`items.${i}.customsValue`, 'AMOUNT_PRECISION', precision);
    });
  }
  return problems;
}
