import type { FieldProblem } from '@tongguan/contracts';
import { isKnownCountry, TRADE_MODES, UNITS } from '../code-lists/code-lists';
import type { DutyData } from '../duty/duty-calculator';
import { customsDate } from '../duty/exchange-rates';
import { headingOf, ratesOn, tariffLineOf } from '../duty/tariff';
import { reliefProblems } from '../duty/relief';
import { valuationProblems } from '../duty/valuation-rules';
import type { LodgeDeclarationDto } from './lodge-declaration.dto';

/**
 * Rules that need code lists or more than one field. They run on whatever parts of the filing are
 * well-formed, so their findings join the field errors in one notice (one-time notification).
 * `assessedAt` (business time) picks the tariff and exchange rates in force on its customs date, as
 * the duty assessment will.
 */
export function crossFieldProblems(
  dto: Partial<LodgeDeclarationDto>,
  data: DutyData,
  assessedAt: Date,
): FieldProblem[] {
  const { tariff, rates } = data;
  const day = customsDate(rates, assessedAt);
  const problems: FieldProblem[] = valuationProblems(dto, rates, assessedAt);
  const add = (path: string, code: string, message: string) => problems.push({ path, code, message });

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
    const wellFormed = typeof item?.hsCode === 'string' && /^\d{6,10}$/.test(item.hsCode);
    const inForce = wellFormed ? ratesOn(tariff, item.hsCode, day) : undefined;
    if (wellFormed && !tariffLineOf(tariff, item.hsCode)) {
      add(
        `items.${i}.hsCode`,
        'HS_CODE_UNKNOWN',
        `HS heading ${headingOf(item.hsCode)} is not in the tariff`,
      );
    } else if (wellFormed && !inForce) {
      add(`items.${i}.hsCode`, 'TARIFF_NO_RATE', `HS code ${item.hsCode}: no tariff rate in force on ${day}`);
    }
    if (
      typeof item?.originCountry === 'string' &&
      /^[A-Z]{2}$/.test(item.originCountry) &&
      !isKnownCountry(item.originCountry)
    ) {
      add(`items.${i}.originCountry`, 'COUNTRY_UNKNOWN', `${item.originCountry} is not an ISO 3166 country`);
    }
    // a preference and a regime lower an import's duty only with their proof (relief.ts)
    if (dto.direction !== 'export' && item) {
      problems.push(...reliefProblems(item, `items.${i}`, inForce, day));
    }
    const specific = inForce?.specificDuty;
    // a specific duty is an import duty: an export line may be declared in any unit
    const imported = dto.direction !== 'export';
    if (imported && specific && UNITS.includes(item.unit) && item.unit !== specific.unit) {
      add(
        `items.${i}.unit`,
        'UNIT_MISMATCH',
        `tariff line ${inForce.tariffCode} carries a specific duty per ${specific.unit}: declare the quantity in ${specific.unit}, not ${item.unit}`,
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
