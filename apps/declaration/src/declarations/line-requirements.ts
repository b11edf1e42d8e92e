import type { Direction, FieldProblem } from '@tongguan/contracts';
import {
  commodityRequirement,
  PREFERENCE_PARTNERS,
  SUPERVISION_DOCUMENTS,
} from '../code-lists/data-set-code-lists';
import type { DeclarationItemDto } from './declaration-item.dto';

export const isCountry = (v: unknown): v is string => typeof v === 'string' && /^[A-Z]{2}$/.test(v);
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * What a line's commodity requires of it (config/commodity-requirements.json): its legal units, a
 * kilogram quantity equal to the net weight, the licences and certificates of the direction, and a
 * preference only for goods of the agreement's partners. Runs on a line that may be malformed.
 */
export function lineProblems(
  item: Partial<DeclarationItemDto>,
  path: string,
  direction: Direction,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, code: string, message: string) =>
    problems.push({ path: `${path}.${field}`, code, message });

  if (typeof item.preference === 'string' && isCountry(item.originCountry)) {
    const partners = PREFERENCE_PARTNERS.get(item.preference);
    if (partners && !partners.includes(item.originCountry)) {
      add(
        'preference',
        'PREFERENCE_ORIGIN_MISMATCH',
        `agreement ${item.preference} covers goods of ${partners.join(', ')}, not of ${item.originCountry}`,
      );
    }
  }
  const legal: unknown = item.legalQuantity;
  const secondGiven: unknown = item.secondLegalQuantity;
  // a quantity in kilograms is the net weight: customs compares the two
  for (const [field, q] of [
    ['legalQuantity', legal],
    ['secondLegalQuantity', secondGiven],
  ] as const) {
    if (
      isObject(q) &&
      q.unit === 'KGM' &&
      typeof q.quantity === 'number' &&
      typeof item.netWeightKg === 'number' &&
      q.quantity !== item.netWeightKg
    ) {
      add(
        `${field}.quantity`,
        'LEGAL_QUANTITY_WEIGHT',
        `${q.quantity} KGM differs from the net weight ${item.netWeightKg} kg`,
      );
    }
  }
  const required =
    typeof item.hsCode === 'string' && /^\d{10}$/.test(item.hsCode)
      ? commodityRequirement(item.hsCode)
      : undefined;
  if (!required) return problems;

  const [first, second] = required.legalUnits;
  if (isObject(legal) && typeof legal.unit === 'string' && legal.unit !== first) {
    add(
      'legalQuantity.unit',
      'LEGAL_UNIT_MISMATCH',
      `commodity ${item.hsCode} is counted first in ${first}, not ${legal.unit}`,
    );
  }
  if (second && secondGiven === undefined) {
    add(
      'secondLegalQuantity',
      'SECOND_LEGAL_QUANTITY_MISSING',
      `commodity ${item.hsCode} is also counted in ${second}`,
    );
  } else if (!second && secondGiven !== undefined) {
    add(
      'secondLegalQuantity',
      'SECOND_LEGAL_QUANTITY_NOT_TAKEN',
      `commodity ${item.hsCode} has no second legal unit`,
    );
  } else if (
    second &&
    isObject(secondGiven) &&
    typeof secondGiven.unit === 'string' &&
    secondGiven.unit !== second
  ) {
    add(
      'secondLegalQuantity.unit',
      'LEGAL_UNIT_MISMATCH',
      `commodity ${item.hsCode} is counted second in ${second}, not ${secondGiven.unit}`,
    );
  }
  const given = new Set(
    (Array.isArray(item.documents) ? item.documents : []).map((d: unknown) =>
      isObject(d) ? d.code : undefined,
    ),
  );
  for (const code of direction === 'import' ? required.importDocuments : required.exportDocuments) {
    if (!given.has(code)) {
      add(
        'documents',
        'DOCUMENT_MISSING',
        `commodity ${item.hsCode} requires document ${code} (${SUPERVISION_DOCUMENTS.get(code)}) on ${direction}`,
      );
    }
  }
  return problems;
}
