import type { FieldProblem } from '@tongguan/contracts';
import { isKnownCountry, isKnownCurrency, TRADE_MODES, UNITS } from '../code-lists/code-lists';
import { customsDate, rateOn, type ExchangeRates } from '../duty/exchange-rates';
import { headingOf, type Tariff } from '../duty/tariff';
import type { LodgeDeclarationDto } from './lodge-declaration.dto';

/**
 * Rules that need code lists or more than one field. They run on whatever parts of the filing are
 * well-formed, so their findings join the field errors in one notice (one-time notification).
 * `assessedAt` (business time) picks the exchange rates in force, as the duty assessment will.
 */
export function crossFieldProblems(
  dto: Partial<LodgeDeclarationDto>,
  tariff: Tariff,
  rates: ExchangeRates,
  assessedAt: Date,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (path: string, code: string, message: string) => problems.push({ path, code, message });

  if (typeof dto.currency === 'string' && /^[A-Z]{3}$/.test(dto.currency)) {
    if (!isKnownCurrency(dto.currency))
      add('currency', 'CURRENCY_UNKNOWN', `${dto.currency} is not an ISO 4217 currency`);
    else if (!rateOn(rates, dto.currency, assessedAt)) {
      const day = customsDate(rates, assessedAt);
      add('currency', 'CURRENCY_NO_RATE', `no customs exchange rate for ${dto.currency} in force on ${day}`);
    }
  }
  if (
    typeof dto.tradeMode === 'string' &&
    /^\d{4}$/.test(dto.tradeMode) &&
    !TRADE_MODES.includes(dto.tradeMode)
  ) {
    add('tradeMode', 'TRADE_MODE_UNKNOWN', `${dto.tradeMode} is not a trade mode of the code list`);
  }
  for (const party of ['consignor', 'consignee'] as const) {
    const country = dto[party]?.country;
    if (typeof country === 'string' && /^[A-Z]{2}$/.test(country) && !isKnownCountry(country)) {
      add(`${party}.country`, 'COUNTRY_UNKNOWN', `${country} is not an ISO 3166 country`);
    }
  }
  const items = Array.isArray(dto.items) ? dto.items : [];
  items.forEach((item, i) => {
    if (
      typeof item?.hsCode === 'string' &&
      /^\d{6,10}$/.test(item.hsCode) &&
      !tariff.headings.has(headingOf(item.hsCode))
    ) {
      add(
        `items.${i}.hsCode`,
        'HS_CODE_UNKNOWN',
        `HS heading ${headingOf(item.hsCode)} is not in the tariff`,
      );
    }
    if (
      typeof item?.originCountry === 'string' &&
      /^[A-Z]{2}$/.test(item.originCountry) &&
      !isKnownCountry(item.originCountry)
    ) {
      add(`items.${i}.originCountry`, 'COUNTRY_UNKNOWN', `${item.originCountry} is not an ISO 3166 country`);
    }
    const wellFormed = typeof item?.hsCode === 'string' && /^\d{6,10}$/.test(item.hsCode);
    const specific = wellFormed ? tariff.headings.get(headingOf(item.hsCode))?.specificDuty : undefined;
    if (specific && UNITS.includes(item.unit) && item.unit !== specific.unit) {
      add(
        `items.${i}.unit`,
        'UNIT_MISMATCH',
        `HS heading ${headingOf(item.hsCode)} carries a specific duty per ${specific.unit}: declare the quantity in ${specific.unit}, not ${item.unit}`,
      );
    }
  });
  const weights = items.map((item) => item?.netWeightKg);
  if (
    typeof dto.grossWeightKg === 'number' &&
    weights.length > 0 &&
    weights.every((w) => typeof w === 'number')
  ) {
    const net = weights.reduce((a, b) => a + b, 0);
    if (net > dto.grossWeightKg + 1e-9) {
      add(
        'grossWeightKg',
        'WEIGHT_INCONSISTENT',
        `items' net weight ${net} kg exceeds the gross weight ${dto.grossWeightKg} kg`,
      );
    }
  }
  return problems;
}
