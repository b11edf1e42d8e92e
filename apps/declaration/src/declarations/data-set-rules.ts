import type { Direction, FieldProblem } from '@tongguan/contracts';
import { isKnownCountry, isKnownCurrency } from '../code-lists/code-lists';
import { GOODS_LOCATION_PORTS } from '../code-lists/data-set-code-lists';
import type { DeclarationItemDto } from './declaration-item.dto';
import { isCountry, isObject, lineProblems } from './line-requirements';
import type { LodgeDeclarationDto } from './lodge-declaration.dto';

/**
 * The rules of the data set that span fields or need a code list's details: parties in China carry
 * their credit code, the goods lie at one of the declaration's ports, containers hold declared items,
 * packages add up, and each line meets what its commodity requires (legal units, licences and
 * certificates, the preference's partners). Like the field rules they run on whatever is well-formed,
 * so every deficiency is listed at once.
 */
export function dataSetProblems(
  dto: Partial<LodgeDeclarationDto>,
  direction: Direction = 'import',
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (path: string, code: string, message: string) => problems.push({ path, code, message });
  const items: unknown[] = Array.isArray(dto.items) ? dto.items : [];

  for (const party of ['consignor', 'consignee'] as const) {
    const p: unknown = dto[party];
    if (isObject(p) && p.country === 'CN' && p.socialCreditCode === undefined) {
      add(
        `${party}.socialCreditCode`,
        'PARTY_ID_MISSING',
        `a ${party} in China is named by its unified social credit code`,
      );
    }
  }
  if (isCountry(dto.meansNationality) && !isKnownCountry(dto.meansNationality)) {
    add('meansNationality', 'COUNTRY_UNKNOWN', `${dto.meansNationality} is not an ISO 3166 country`);
  }
  const port =
    typeof dto.goodsLocation === 'string' ? GOODS_LOCATION_PORTS.get(dto.goodsLocation) : undefined;
  if (port && port !== dto.portOfLoading && port !== dto.portOfDischarge) {
    add(
      'goodsLocation',
      'GOODS_LOCATION_PORT',
      `${dto.goodsLocation} lies at ${port}, which is neither the port of loading nor of discharge`,
    );
  }
  const invoiceCurrency: unknown = isObject(dto.invoice) ? dto.invoice.currency : undefined;
  if (
    typeof invoiceCurrency === 'string' &&
    /^[A-Z]{3}$/.test(invoiceCurrency) &&
    !isKnownCurrency(invoiceCurrency)
  ) {
    add('invoice.currency', 'CURRENCY_UNKNOWN', `${invoiceCurrency} is not an ISO 4217 currency`);
  }
  problems.push(...containerProblems(dto.containers, items.length));

  const counts = items.map((item) =>
    isObject(item) && isObject(item.packages) ? item.packages.count : undefined,
  );
  if (
    typeof dto.totalPackages === 'number' &&
    counts.length > 0 &&
    counts.every((c) => typeof c === 'number')
  ) {
    const sum = counts.reduce((a, b) => a + b, 0);
    if (sum !== dto.totalPackages) {
      add(
        'totalPackages',
        'PACKAGES_INCONSISTENT',
        `the items' packages add up to ${sum}, not ${dto.totalPackages}`,
      );
    }
  }
  items.forEach((item, i) => {
    if (isObject(item))
      problems.push(...lineProblems(item as Partial<DeclarationItemDto>, `items.${i}`, direction));
  });
  return problems;
}

function containerProblems(containers: unknown, itemCount: number): FieldProblem[] {
  if (!Array.isArray(containers) || containers.length === 0) return [];
  const problems: FieldProblem[] = [];
  const seen = new Set<unknown>();
  const packed = new Set<number>();
  containers.forEach((c: unknown, i) => {
    if (!isObject(c)) return;
    if (typeof c.number === 'string' && seen.has(c.number)) {
      problems.push({
        path: `containers.${i}.number`,
        code: 'CONTAINER_DUPLICATE',
        message: `${c.number} is declared twice`,
      });
    }
    seen.add(c.number);
    (Array.isArray(c.itemNumbers) ? c.itemNumbers : []).forEach((n: unknown, j) => {
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) return;
      packed.add(n);
      if (n > itemCount) {
        problems.push({
          path: `containers.${i}.itemNumbers.${j}`,
          code: 'CONTAINER_ITEM_UNKNOWN',
          message: `the declaration has no item ${n} (it has ${itemCount})`,
        });
      }
    });
  });
  for (let n = 1; n <= itemCount; n++) {
    if (!packed.has(n)) {
      problems.push({
        path: `items.${n - 1}`,
        code: 'ITEM_NOT_IN_CONTAINER',
        message: `item ${n} is in none of the declared containers`,
      });
    }
  }
  return problems;
}
